// Remedy `module_getattr` (TRAPS.md A.1, PEP 562): a package's re-export
// `from .db import Database` gives way to a module `__getattr__` that
// imports it on first access and keeps it in globals(), and a `__dir__` that
// lists it, so `pkg.Database`, `from pkg import Database`, `from pkg import *`
// (through `__all__`, unchanged) and `dir(pkg)` see what they saw. The
// re-exports of one file share one table; a hand-written `__getattr__` is
// never touched.

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "fix/remedy_fix.hpp"
#include "fix/site_text.hpp"
#include "python/bindings.hpp"

namespace lmms::fix {

namespace {

using python::ImportSite;

constexpr const char* k_table = "_LAZY_IMPORTS";

/// The table, `__getattr__` and `__dir__`, written once before the first re-export.
std::vector<std::string> prelude(const std::string& unit) {
    std::string i1 = unit, i2 = unit + unit, i3 = unit + unit + unit;
    return {
        fmt::format("{} = {{}}  # name -> (module, attribute or None): imported on first access (PEP 562)",
                    k_table),
        "",
        "",
        "def __getattr__(name):",
        i1 + "try:",
        i2 + fmt::format("module, attribute = {}[name]", k_table),
        i1 + "except KeyError:",
        i2 + "raise AttributeError(f\"module {__name__!r} has no attribute {name!r}\") from None",
        i1 + "import importlib",
        "",
        i1 + "value = importlib.import_module(module, __package__)",
        i1 + "if attribute is not None:",
        i2 + "try:",
        i3 + "value = getattr(value, attribute)",
        i2 + "except AttributeError:",
        i3 + "value = importlib.import_module(f\"{value.__name__}.{attribute}\")",
        i1 + "globals()[name] = value",
        i1 + "return value",
        "",
        "",
        "def __dir__():",
        i1 + fmt::format(
                 "return sorted((globals().keys() - {{\"__getattr__\", \"__dir__\", \"{0}\"}}) | {0}.keys())",
                 k_table),
        "",
        "",
    };
}

std::string entry(const std::string& name, const std::string& module, const std::string& attribute) {
    return fmt::format("{}[\"{}\"] = (\"{}\", {})", k_table, name, module,
                       attribute.empty() ? "None" : "\"" + attribute + "\"");
}

/// The module-level function named `name`, or nullptr.
const python::Scope* module_function(const python::FileFacts& facts, std::string_view name) {
    for (const python::Scope& scope : facts.scopes)
        if (scope.parent == 0 && scope.kind == python::ScopeKind::function && scope.name == name)
            return &scope;
    return nullptr;
}

/// Where this fixer's table is already assigned (0: it is not), or why the
/// module's own `__getattr__`/`__dir__` forbids one.
struct Existing {
    uint32_t table_line = 0;
    std::string refused;
};

Existing existing_getattr(const python::FileFacts& facts) {
    Existing found;
    for (const python::Reference& ref : facts.references)
        if (ref.scope == 0 && ref.store && ref.name == k_table && found.table_line == 0)
            found.table_line = ref.line;
    for (const char* name : {"__getattr__", "__dir__"}) {
        const python::Scope* own = module_function(facts, name);
        bool ours = own != nullptr && found.table_line != 0 &&
                    std::binary_search(own->referenced.begin(), own->referenced.end(), k_table);
        if (own != nullptr && !ours)
            found.refused = fmt::format(
                "the module has a hand-written {} (line {}): lmms fix never overwrites it", name, own->line);
        else if (own == nullptr && found.table_line == 0)
            for (const python::Reference& ref : facts.references)
                if (ref.scope == 0 && ref.store && ref.name == name)
                    found.refused = fmt::format("the module binds {} at line {}", name, ref.line);
        if (!found.refused.empty())
            return found;
    }
    if (found.table_line != 0 && module_function(facts, "__getattr__") == nullptr)
        found.refused = fmt::format("`{}` (line {}) is the module's own name", k_table, found.table_line);
    return found;
}

/// The module spelled as the import spells it: `.db`, `..`, `pkg.db`.
std::string spelled_module(const ImportSite& site) {
    return std::string(site.level, '.') + site.module;
}

/// The child package the import binds as an attribute of this package as a
/// side effect (`from .db import X` in pkg/__init__.py binds `pkg.db`), or "".
std::string child_bound(const FileView& file, const ImportSite& site) {
    if (!file.package_init || site.module.empty())
        return "";
    if (site.level == 1)
        return site.module.substr(0, site.module.find('.'));
    std::string prefix = file.module + ".";
    if (site.level == 0 && !file.module.empty() && site.module.starts_with(prefix)) {
        std::string rest = site.module.substr(prefix.size());
        return rest.substr(0, rest.find('.'));
    }
    return "";
}

bool bound_at_module_level(const python::FileFacts& facts, const std::string& name) {
    return std::any_of(facts.references.begin(), facts.references.end(), [&](const python::Reference& ref) {
        return ref.scope == 0 && ref.store && ref.name == name;
    });
}

/// Why `name` cannot be served by `__getattr__`, or "".
std::string served_conflict(const FileView& file, const ImportSite& site, const std::string& name) {
    for (const ModuleRead& read : module_reads(*file.facts, name))
        return fmt::format(
            "`{}` is read in this file, line {}: `__getattr__` serves only access from outside", name,
            read.line);
    for (const python::Reference& ref : file.facts->references)
        if (ref.name == name && ref.store && ref.scope == 0 &&
            (ref.line < site.line || ref.line > site.end_line))
            return fmt::format("`{}` is also bound at line {}", name, ref.line);
    for (const python::Scope& scope : file.facts->scopes)
        if (std::binary_search(scope.globals.begin(), scope.globals.end(), name))
            return fmt::format("`{}` is declared global in {}()", name, scope.qualname);
    return "";
}

}  // namespace

SiteFix module_getattr(const FileView& file, const RemedyRequest& request) {
    const ImportSite& site = file.facts->imports[request.site];
    SiteFix fix = site_fix_for(file, site);
    if (std::string why = movable_from_module_level(file, site); !why.empty())
        return refuse(std::move(fix), why);
    if (!site.is_from)
        return refuse(std::move(fix), "not a from-import: nothing is re-exported by name");
    Existing existing = existing_getattr(*file.facts);
    if (!existing.refused.empty())
        return refuse(std::move(fix), existing.refused);
    if (existing.table_line > site.line)
        return refuse(std::move(fix),
                      fmt::format("before the module's {} (line {})", k_table, existing.table_line));
    if (!bound_at_module_level(*file.facts, "__all__"))
        return refuse(std::move(fix),
                      "the module has no __all__: `from module import *` would miss a lazy name");
    std::vector<std::string> names = lazy_names(site, request.names);
    std::vector<std::string> entries;
    for (const python::ImportedName& imported : site.names) {
        std::string bound = python::bound_name(site, imported);
        if (std::find(names.begin(), names.end(), bound) == names.end())
            continue;
        if (std::string why = served_conflict(file, site, bound); !why.empty())
            return refuse(std::move(fix), why);
        bool own_child = file.package_init && site.module.empty() && site.level == 1;
        entries.push_back(own_child ? entry(bound, "." + imported.name, "")
                                    : entry(bound, spelled_module(site), imported.name));
    }
    std::set<std::string> kept;
    for (const std::string& bound : bound_names(site))
        if (std::find(names.begin(), names.end(), bound) == names.end())
            kept.insert(bound);
    Edit rest{site.line, site.end_line + 1, {}, site.line};
    if (!kept.empty())
        rest.lines = statement_lines(file, site).generated("", partial_statement(site, kept));
    rest.lines.insert(rest.lines.end(), entries.begin(), entries.end());
    if (existing.table_line == 0) {
        Edit shared{site.line, site.line, prelude(indent_unit(*file.lines)), 0};
        shared.shared = true;
        fix.edits.push_back(std::move(shared));
    }
    if (std::string child = child_bound(file, site);
        !child.empty() && !bound_at_module_level(*file.facts, child)) {
        Edit side_effect{site.line, site.line, {entry(child, "." + child, "")}, 1};
        side_effect.shared = true;
        fix.edits.push_back(std::move(side_effect));
    }
    fix.edits.push_back(std::move(rest));
    fix.destinations.emplace_back("__getattr__");
    return fix;
}

}  // namespace lmms::fix

#include "fix/site_text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "python/bindings.hpp"
#include "python/statement_text.hpp"

namespace lmms::fix {

using python::FileFacts;
using python::ImportSite;

std::string absolute_module(const FileView& file, const ImportSite& site, const python::ImportedName& name) {
    if (!site.is_from)
        return name.name;
    if (site.level == 0)
        return site.module;
    std::string package = file.module;
    if (!file.package_init)
        package = package.substr(0, package.rfind('.') == std::string::npos ? 0 : package.rfind('.'));
    for (uint32_t up = 1; up < site.level && !package.empty(); ++up)
        package = package.substr(0, package.rfind('.') == std::string::npos ? 0 : package.rfind('.'));
    if (package.empty())
        return "";
    return site.module.empty() ? package : package + "." + site.module;
}

SiteFix site_fix_for(const FileView& file, const ImportSite& site) {
    SiteFix fix;
    fix.file = file.path;
    fix.line = site.line;
    fix.statement = python::import_statement_text(site);
    return fix;
}

SiteFix refuse(SiteFix fix, std::string why) {
    fix.edits.clear();
    fix.destinations.clear();
    fix.refused = std::move(why);
    return fix;
}

namespace {

bool blank(std::string_view text) {
    return text.find_first_not_of(" \t\f") == std::string_view::npos;
}

/// After the statement on its last line: nothing, or a comment.
std::string_view trailing_text(const FileView& file, const ImportSite& site) {
    std::string_view last = file.lines->line(site.end_line);
    return site.end_col <= last.size() ? last.substr(site.end_col) : std::string_view();
}

}  // namespace

std::string movable_from_module_level(const FileView& file, const ImportSite& site) {
    using python::Guard;
    if (site.scope != 0)
        return "not at module level";
    if (site.future)
        return "a __future__ import";
    if (site.star)
        return "a star import: its names are unknown";
    if (site.lazy)
        return "already a lazy import";
    if (site.guard == Guard::try_import_error)
        return "guarded by try/except ImportError: the block moves only as a whole";
    if (site.guard == Guard::type_checking)
        return "under TYPE_CHECKING: it costs nothing at runtime";
    if (site.guard != Guard::none || site.in_try)
        return "conditional: moving it out of its block would change when it runs";
    std::string_view first = file.lines->line(site.line);
    std::string_view rest = trailing_text(file, site);
    size_t code = rest.find_first_not_of(" \t\f");
    if (!blank(first.substr(0, site.col)) || (code != std::string_view::npos && rest[code] != '#'))
        return "shares its line with another statement";
    return "";
}

uint32_t serving_function(const FileFacts& facts, uint32_t scope) {
    for (int32_t at = static_cast<int32_t>(python::enclosing_function(facts, scope)); at > 0;
         at = facts.scopes[at].parent)
        if (facts.scopes[at].kind == python::ScopeKind::function)
            return static_cast<uint32_t>(at);
    return 0;
}

Insertion insertion_point(const FileView& file, const python::Scope& scope) {
    Insertion at;
    std::string_view first = file.lines->line(scope.body_line);
    if (scope.body_line == 0 ||
        first.substr(0, scope.body_col).find_first_not_of(" \t\f") != std::string_view::npos) {
        at.refused = fmt::format("{}() has its body on the `def` line", scope.qualname);
        return at;
    }
    at.line = scope.docstring_end_line != 0 ? scope.docstring_end_line + 1 : scope.body_line;
    at.indentation = std::string(file.lines->indentation(scope.body_line));
    return at;
}

std::vector<std::string> bound_names(const ImportSite& site) {
    std::vector<std::string> names;
    for (const python::ImportedName& name : site.names)
        names.push_back(python::bound_name(site, name));
    return names;
}

std::vector<std::string> lazy_names(const ImportSite& site, const std::vector<std::string>& requested) {
    std::vector<std::string> names = bound_names(site);
    if (requested.empty())
        return names;
    std::erase_if(names, [&](const std::string& name) {
        return std::find(requested.begin(), requested.end(), name) == requested.end();
    });
    return names;
}

namespace {

// Libraries and functions that evaluate annotations at runtime (TRAPS.md 13).
constexpr std::array<std::string_view, 12> k_annotation_readers = {
    "attr",    "attrs",    "beartype",   "cattrs",    "dataclasses", "fastapi", "marshmallow_dataclass",
    "msgspec", "pydantic", "strawberry", "typeguard", "typer"};
constexpr std::array<std::string_view, 2> k_annotation_functions = {"get_type_hints", "singledispatch"};

}  // namespace

std::string runtime_annotation_reader(const FileFacts& facts) {
    for (const ImportSite& site : facts.imports) {
        std::string_view module = site.is_from
                                      ? std::string_view(site.module)
                                      : (site.names.empty() ? "" : std::string_view(site.names[0].name));
        std::string_view top = module.substr(0, module.find('.'));
        if (std::find(k_annotation_readers.begin(), k_annotation_readers.end(), top) !=
            k_annotation_readers.end())
            return std::string(top);
    }
    for (const python::Reference& ref : facts.references)
        if (std::find(k_annotation_functions.begin(), k_annotation_functions.end(), ref.name) !=
            k_annotation_functions.end())
            return std::string(ref.name);
    return "";
}

bool reads_annotations_at_runtime(const FileFacts& facts) {
    return !runtime_annotation_reader(facts).empty();
}

std::vector<std::string> StatementText::reindented(const std::string& indentation) const {
    std::vector<std::string> out;
    for (size_t i = 0; i < lines.size(); ++i)
        out.push_back(indentation + lines[i]);
    return out;
}

std::vector<std::string> StatementText::generated(const std::string& indentation,
                                                  const std::string& statement) const {
    std::vector<std::string> out;
    for (const std::string& comment : inner_comments)
        out.push_back(indentation + comment);
    out.push_back(indentation + statement + comment);
    return out;
}

StatementText statement_lines(const FileView& file, const ImportSite& site) {
    StatementText text;
    for (uint32_t line = site.line; line <= site.end_line; ++line) {
        std::string_view raw = file.lines->line(line);
        text.lines.emplace_back(line == site.line ? raw.substr(std::min<size_t>(site.col, raw.size())) : raw);
        // An import holds no string: a `#` on its lines starts a comment.
        if (size_t hash = raw.find('#'); line < site.end_line && hash != std::string_view::npos)
            text.inner_comments.emplace_back(raw.substr(hash));
    }
    std::string_view rest = trailing_text(file, site);
    if (size_t hash = rest.find('#'); hash != std::string_view::npos)
        text.comment = std::string(rest);
    while (!text.comment.empty() && (text.comment.back() == ' ' || text.comment.back() == '\t'))
        text.comment.pop_back();
    return text;
}

std::string partial_statement(const ImportSite& site, const std::set<std::string>& bound) {
    ImportSite part = site;
    std::erase_if(part.names, [&](const python::ImportedName& name) {
        return !bound.contains(python::bound_name(site, name));
    });
    return python::import_statement_text(part);
}

std::string indent_unit(const SourceLines& lines) {
    for (uint32_t line = 1; line <= lines.count(); ++line) {
        std::string_view indentation = lines.indentation(line);
        if (!indentation.empty() && indentation.size() < lines.line(line).size())
            return indentation[0] == '\t' ? "\t" : "    ";
    }
    return "    ";
}

namespace {

/// Whether an unconditional module-level `import typing` / `from typing import
/// TYPE_CHECKING` before `site` binds `name` and stays there: the module reads
/// it while it is imported, so no fix moves it (one that only functions read
/// may move in the same pass, and one after `site` has not run yet).
bool stays_bound_before(const FileFacts& facts, const ImportSite& site, const std::string& name) {
    python::LoadsByName loads = python::loads_by_name(facts);
    for (const ImportSite& other : facts.imports) {
        if (other.scope != 0 || other.guard != python::Guard::none || other.in_try || other.line >= site.line)
            continue;
        bool spelled =
            other.names.size() == 1 && other.names[0].asname.empty() &&
            (other.is_from ? other.level == 0 && other.module == "typing" && other.names[0].name == name
                           : other.names[0].name == name);
        if (!spelled)
            continue;
        std::vector<python::NameUse> uses = python::uses_of_import(facts, loads, other, name);
        if (std::any_of(uses.begin(), uses.end(),
                        [](const python::NameUse& use) { return use.function == 0; }))
            return true;
    }
    return false;
}

/// `if TYPE_CHECKING:` as this module can spell it at `site`, and whether it must import it.
std::string type_checking_test(const FileFacts& facts, const ImportSite& site, bool& needs_import) {
    needs_import = false;
    if (stays_bound_before(facts, site, "TYPE_CHECKING"))
        return "if TYPE_CHECKING:";
    if (stays_bound_before(facts, site, "typing"))
        return "if typing.TYPE_CHECKING:";
    needs_import = true;
    return "if TYPE_CHECKING:";
}

}  // namespace

Edit module_level_rest(const FileView& file, const ImportSite& site, const std::vector<std::string>& moved,
                       bool annotations, const StatementText& text) {
    Edit edit{site.line, site.end_line + 1, {}, site.line};
    std::set<std::string> kept;
    for (const std::string& name : bound_names(site))
        if (std::find(moved.begin(), moved.end(), name) == moved.end())
            kept.insert(name);
    if (!kept.empty())
        edit.lines = text.generated("", partial_statement(site, kept));
    if (annotations) {
        bool needs_import = false;
        std::string test = type_checking_test(*file.facts, site, needs_import);
        if (needs_import)
            edit.lines.emplace_back(k_type_checking_import);
        edit.lines.push_back(test);
        std::string unit = indent_unit(*file.lines);
        if (kept.empty()) {
            for (std::string& line : text.reindented(unit))
                edit.lines.push_back(std::move(line));
        } else {
            std::set<std::string> names(moved.begin(), moved.end());
            for (std::string& line : text.generated(unit, partial_statement(site, names)))
                edit.lines.push_back(std::move(line));
        }
    }
    absorb_blank_line(*file.lines, edit);
    return edit;
}

}  // namespace lmms::fix

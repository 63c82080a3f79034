// Style `function`: an import leaves module level for the functions that read
// its names (DESIGN.md §4, TRAPS.md A and C). Every check that could make the
// move change what the program does refuses the site instead.

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "fix/site_text.hpp"
#include "python/bindings.hpp"
#include "report/scan_report.hpp"

namespace lmms::fix {

namespace {

using python::FileFacts;
using python::ImportSite;
using python::Reference;
using python::Scope;

/// Why `bound` cannot leave module level for reasons beyond its loads, or "".
std::string binding_conflict(const FileFacts& facts, const ImportSite& site, const std::string& bound) {
    if (facts.all && std::find(facts.all->begin(), facts.all->end(), bound) != facts.all->end())
        return fmt::format("`{}` is in __all__: public API (a module __getattr__ can make it lazy)", bound);
    for (const Reference& ref : facts.references) {
        if (ref.name != bound || !ref.store || ref.scope != 0)
            continue;
        if (ref.line < site.line || ref.line > site.end_line)
            return fmt::format("`{}` is also bound at line {}", bound, ref.line);
    }
    for (const Scope& scope : facts.scopes)
        if (std::binary_search(scope.globals.begin(), scope.globals.end(), bound))
            return fmt::format("`{}` is declared global in {}()", bound, scope.qualname);
    return "";
}

/// Loads of `bound` in annotations nothing evaluates (`from __future__ import
/// annotations`): they need the name only for type checkers.
bool read_in_annotations(const FileFacts& facts, const std::string& bound) {
    if (!facts.future_annotations)
        return false;
    return std::any_of(facts.references.begin(), facts.references.end(), [&](const Reference& ref) {
        return ref.name == bound && ref.annotation && !python::is_runtime_load(ref);
    });
}

/// Whether a postponed annotation that reads `bound` sits in a class: a
/// class body, or a method's signature. A library that reads annotations at
/// runtime may build that class (a model on an indirect base) where the
/// consumer table cannot see it; a plain function's annotations it never reads
/// unless the table says so (a decorator, a get_type_hints call).
bool annotated_in_class(const FileFacts& facts, const std::string& bound) {
    auto in_class = [&](uint32_t line) {
        return std::any_of(facts.scopes.begin(), facts.scopes.end(), [&](const Scope& s) {
            return s.kind == python::ScopeKind::class_body && line >= s.line && line <= s.end_line;
        });
    };
    return std::any_of(facts.references.begin(), facts.references.end(), [&](const Reference& ref) {
        return ref.name == bound && ref.annotation && ref.annotation_use != python::AnnotationUse::never &&
               in_class(ref.line);
    });
}

struct Destinations {
    std::map<uint32_t, std::set<std::string>> names;  ///< function scope -> bound names it reads
    bool annotations = false;                         ///< some name is read by annotations only
    bool in_classes = false;  ///< some of those annotations are in a class (annotated_in_class)
    std::string refused;
};

Destinations find_destinations(const FileFacts& facts, const ImportSite& site,
                               const std::vector<std::string>& names) {
    Destinations found;
    python::LoadsByName loads = python::loads_by_name(facts);
    for (const std::string& bound : names) {
        if (std::string conflict = binding_conflict(facts, site, bound); !conflict.empty()) {
            found.refused = conflict;
            return found;
        }
        std::vector<python::NameUse> uses = python::uses_of_import(facts, loads, site, bound);
        bool annotated = read_in_annotations(facts, bound);
        if (uses.empty() && !annotated) {
            found.refused = fmt::format(
                "`{}` is never read in this file: it may be read from outside, or imported for its side "
                "effects",
                bound);
            return found;
        }
        found.annotations = found.annotations || annotated;
        found.in_classes = found.in_classes || (annotated && annotated_in_class(facts, bound));
        for (const python::NameUse& use : uses) {
            uint32_t function = use.function == 0 ? 0 : serving_function(facts, use.function);
            if (function == 0) {
                found.refused =
                    fmt::format("`{}` is used while the module is imported, line {}", bound, use.line);
                return found;
            }
            found.names[function].insert(bound);
        }
    }
    return found;
}

}  // namespace

SiteFix move_into_functions(const FileView& file, const LazyRequest& request) {
    const FileFacts& facts = *file.facts;
    const ImportSite& site = facts.imports[request.site];
    SiteFix fix = site_fix_for(file, site);
    if (std::string why = movable_from_module_level(file, site); !why.empty())
        return refuse(std::move(fix), why);
    if (!request.read_by.empty())
        return refuse(std::move(fix), fmt::format("imported from here by {}", request.read_by.front()));
    std::vector<std::string> names = lazy_names(site, request.names);
    Destinations found = find_destinations(facts, site, names);
    if (!found.refused.empty())
        return refuse(std::move(fix), found.refused);
    if (found.in_classes && reads_annotations_at_runtime(facts))
        return refuse(std::move(fix),
                      "its annotations are read at runtime (" + runtime_annotation_reader(facts) + ")");
    StatementText text = statement_lines(file, site);
    for (const auto& [scope_index, used] : found.names) {
        const Scope& scope = facts.scopes[scope_index];
        Insertion at = insertion_point(file, scope);
        if (!at.refused.empty())
            return refuse(std::move(fix), at.refused);
        std::vector<std::string> lines = used.size() == bound_names(site).size()
                                             ? text.reindented(at.indentation)
                                             : text.generated(at.indentation, partial_statement(site, used));
        fix.edits.push_back({at.line, at.line, std::move(lines), site.line});
        fix.destinations.push_back(scope.qualname + "()");
    }
    fix.edits.push_back(module_level_rest(file, site, names, found.annotations, text));
    if (found.annotations)
        fix.destinations.push_back("if TYPE_CHECKING:");
    if (request.project_module) {
        fix.applicability = Applicability::unsafe;
        fix.unsafe_reason = "a project module: importing it later also runs its body later (registrations)";
    }
    return fix;
}

}  // namespace lmms::fix

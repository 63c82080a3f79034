#include "fix/fast_path_route.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "fix/site_text.hpp"
#include "python/statement_text.hpp"

namespace lmms::fix {

using python::ImportSite;

std::set<std::string> module_level_names(const python::FileFacts& facts) {
    return {facts.scopes[0].bound.begin(), facts.scopes[0].bound.end()};
}

namespace {

/// Whether a module-level statement other than an import starts between two lines.
bool code_between(const python::FileFacts& facts, uint32_t first, uint32_t last) {
    for (const python::Reference& ref : facts.references) {
        if (ref.line <= first || ref.line >= last || ref.scope != 0)
            continue;
        bool import_line = std::any_of(
            facts.imports.begin(), facts.imports.end(),
            [&](const ImportSite& site) { return site.line <= ref.line && ref.line <= site.end_line; });
        if (!import_line)
            return true;
    }
    return false;
}

/// `from MODULE import a, b`, wrapped in parentheses one name per line past 88 columns.
std::vector<std::string> import_lines(const std::string& module, const std::vector<std::string>& names,
                                      const std::string& unit) {
    std::string line = fmt::format("from {} import {}", module, fmt::join(names, ", "));
    if (line.size() <= 88)
        return {line};
    std::vector<std::string> lines{fmt::format("from {} import (", module)};
    for (const std::string& name : names)
        lines.push_back(unit + name + ",");
    lines.emplace_back(")");
    return lines;
}

}  // namespace

SiteFix route_through_fast_path(const FileView& entry, const FastPathRoute& route) {
    SiteFix fix;
    fix.file = entry.path;
    fix.statement = "the entry's module-level imports";  // completed below with their count
    std::vector<const ImportSite*> sites;
    for (const ImportSite& site : entry.facts->imports) {
        if (site.scope != 0 || !std::count(route.statements.begin(), route.statements.end(),
                                           python::import_statement_text(site)))
            continue;
        if (site.is_from && site.level == 0 && site.module == route.fast_path_module)
            continue;
        if (std::string why = movable_from_module_level(entry, site); !why.empty())
            return refuse(std::move(fix), fmt::format("line {}: {}", site.line, why));
        sites.push_back(&site);
    }
    if (sites.empty()) {
        fix.done = true;
        return fix;
    }
    fix.line = sites.front()->line;
    fix.statement = fmt::format("the entry's {} module-level import statement{}", sites.size(),
                                sites.size() == 1 ? "" : "s");
    std::vector<std::string> names;
    for (const ImportSite* site : sites)
        for (const std::string& name : bound_names(*site)) {
            if (!route.exported.contains(name))
                return refuse(std::move(fix), fmt::format("the fast path does not bind `{}`", name));
            if (std::find(names.begin(), names.end(), name) == names.end())
                names.push_back(name);
        }
    for (const ImportSite* site : sites) {
        Edit edit{site->line, site->end_line + 1, {}, site->line};
        if (site == sites.front())
            edit.lines = import_lines(route.fast_path_module, names, indent_unit(*entry.lines));
        absorb_blank_line(*entry.lines, edit);
        fix.edits.push_back(std::move(edit));
    }
    fix.destinations.push_back(route.fast_path_module);
    if (code_between(*entry.facts, sites.front()->line, sites.back()->end_line)) {
        fix.applicability = Applicability::unsafe;
        fix.unsafe_reason = "other module-level code runs between these imports: their order may matter";
    }
    return fix;
}

}  // namespace lmms::fix

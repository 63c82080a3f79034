// Styles `lazy` and `lazy-modules` (PEP 810): the import stays where it is and
// Python 3.15 defers it until a name is first read. Where the keyword is not
// allowed (functions, classes, try blocks, star and __future__ imports) the
// site is refused; a deferred project module is unsafe (its body runs later).

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "fix/site_text.hpp"

namespace lmms::fix {

namespace {

using python::ImportSite;

/// Why PEP 810 cannot defer `site`, or "".
std::string lazy_not_allowed(const ImportSite& site) {
    if (site.scope != 0)
        return "not at module level: PEP 810 allows lazy imports only there";
    if (site.future)
        return "a __future__ import";
    if (site.star)
        return "a star import: PEP 810 does not defer those";
    if (site.in_try)
        return "inside a try statement: PEP 810 does not allow lazy imports there";
    if (site.guard == python::Guard::type_checking)
        return "under TYPE_CHECKING: it costs nothing at runtime";
    return "";
}

void mark_project_module(SiteFix& fix, bool project_module) {
    if (!project_module)
        return;
    fix.applicability = Applicability::unsafe;
    fix.unsafe_reason = "a project module: deferring it also runs its body later (registrations)";
}

}  // namespace

SiteFix mark_lazy(const FileView& file, const LazyRequest& request) {
    const ImportSite& site = file.facts->imports[request.site];
    SiteFix fix = site_fix_for(file, site);
    if (site.lazy) {
        fix.done = true;
        return fix;
    }
    if (std::string why = lazy_not_allowed(site); !why.empty())
        return refuse(std::move(fix), why);
    if (!request.names.empty() && request.names.size() < site.names.size())
        return refuse(std::move(fix), "only some of its names are to be lazy: split the statement first");
    std::string_view line = file.lines->line(site.line);
    std::string text(line.substr(0, site.col));
    text += "lazy ";
    text += line.substr(std::min<size_t>(site.col, line.size()));
    fix.edits.push_back({site.line, site.line + 1, {std::move(text)}, site.line});
    fix.destinations.emplace_back("lazy");
    mark_project_module(fix, request.project_module);
    return fix;
}

namespace {

/// The line `__lazy_modules__ = [...]` already in the file, with its names;
/// line 0 when there is none; `unreadable` when it is not one such line.
struct ExistingList {
    uint32_t line = 0;
    std::set<std::string> names;
    bool unreadable = false;
};

ExistingList existing_list(const FileView& file) {
    ExistingList found;
    for (const python::Reference& ref : file.facts->references)
        if (ref.scope == 0 && ref.store && ref.name == "__lazy_modules__") {
            found.line = ref.line;
            break;
        }
    if (found.line == 0)
        return found;
    std::string_view text = file.lines->line(found.line);
    size_t open = text.find_first_of("[({");
    size_t close = text.find_last_of("])}");
    if (!text.starts_with("__lazy_modules__") || open == std::string_view::npos ||
        close == std::string_view::npos || close < open) {
        found.unreadable = true;
        return found;
    }
    std::string_view inside = text.substr(open + 1, close - open - 1);
    for (size_t at = 0; at < inside.size();) {
        size_t quote = inside.find_first_of("\"'", at);
        if (quote == std::string_view::npos)
            break;
        size_t end = inside.find(inside[quote], quote + 1);
        if (end == std::string_view::npos) {
            found.unreadable = true;
            break;
        }
        found.names.emplace(inside.substr(quote + 1, end - quote - 1));
        at = end + 1;
    }
    return found;
}

/// After the docstring and the __future__ imports: where a new list goes.
uint32_t list_line(const python::FileFacts& facts) {
    uint32_t after = facts.scopes[0].docstring_end_line;
    for (const ImportSite& site : facts.imports)
        if (site.future)
            after = std::max(after, site.end_line);
    return after + 1;
}

std::string list_text(const std::set<std::string>& names) {
    std::string text = "__lazy_modules__ = [";
    bool first = true;
    for (const std::string& name : names) {
        text += fmt::format("{}\"{}\"", first ? "" : ", ", name);
        first = false;
    }
    return text + "]";
}

}  // namespace

std::vector<SiteFix> list_lazy_modules(const FileView& file, const std::vector<LazyRequest>& requests) {
    std::vector<SiteFix> fixes;
    ExistingList existing = existing_list(file);
    std::set<std::string> names = existing.names;
    for (const LazyRequest& request : requests) {
        const ImportSite& site = file.facts->imports[request.site];
        SiteFix fix = site_fix_for(file, site);
        std::string why =
            existing.unreadable
                ? fmt::format("its __lazy_modules__ (line {}) is not one literal list", existing.line)
                : lazy_not_allowed(site);
        std::vector<std::string> modules;
        for (const python::ImportedName& name : site.names)
            modules.push_back(absolute_module(file, site, name));
        if (why.empty() && std::find(modules.begin(), modules.end(), "") != modules.end())
            why = "a relative import beyond the top-level package";
        if (!why.empty()) {
            fixes.push_back(refuse(std::move(fix), why));
            continue;
        }
        if (std::all_of(modules.begin(), modules.end(),
                        [&](const std::string& m) { return existing.names.contains(m); })) {
            fix.done = true;
            fixes.push_back(std::move(fix));
            continue;
        }
        names.insert(modules.begin(), modules.end());
        fix.destinations.emplace_back("__lazy_modules__");
        mark_project_module(fix, request.project_module);
        fixes.push_back(std::move(fix));
    }
    auto first = std::find_if(fixes.begin(), fixes.end(),
                              [](const SiteFix& fix) { return fix.refused.empty() && !fix.done; });
    if (first == fixes.end() || names == existing.names)
        return fixes;
    uint32_t line = existing.line != 0 ? existing.line : list_line(*file.facts);
    uint32_t end = existing.line != 0 ? line + 1 : line;
    first->edits.push_back({line, end, {list_text(names)}, 0});
    return fixes;
}

const char* style_name(Style style) {
    switch (style) {
        case Style::function:
            return "function";
        case Style::lazy:
            return "lazy";
        case Style::lazy_modules:
            return "lazy-modules";
    }
    return "function";
}

}  // namespace lmms::fix

// From plan rows to intents, one fixer run per file, then the fast-path
// route on the entry as it is after its own lazy fixes.

#include "fix/project_fix.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "fix/fast_path_route.hpp"
#include "fix/remedy_fix.hpp"
#include "fix/site_text.hpp"
#include "python/readers.hpp"
#include "python/statement_text.hpp"

namespace lmms::fix {

namespace {

using policy::Action;
using policy::PlanItem;

const python::ImportSite* site_at(const python::FileFacts& facts, uint32_t line) {
    for (const python::ImportSite& site : facts.imports)
        if (site.line == line)
            return &site;
    return nullptr;
}

/// Calls `found(name, "file:line")` for every other file's `from <module> import <name>`.
template <typename Found>
void for_each_from_import(const std::vector<ProjectFileSource>& sources, const ProjectFileSource& own,
                          const Found& found) {
    if (own.module.empty())
        return;
    for (const ProjectFileSource& other : sources) {
        if (other.path == own.path || other.facts == nullptr)
            continue;
        FileView view{other.path, other.module, other.path.ends_with("__init__.py"), other.facts, nullptr};
        for (const python::ImportSite& site : other.facts->imports) {
            if (!site.is_from)
                continue;
            for (const python::ImportedName& name : site.names)
                if (absolute_module(view, site, name) == own.module)
                    found(name.name, fmt::format("{}:{}", other.path, site.line));
        }
    }
}

/// `file:line` of every reader of one of `names` elsewhere (python::readers_of, every kind:
/// from-imports, `pkg.name`, getattr, star imports, `__all__`), as the plan finds them.
std::vector<std::string> readers_of(const std::vector<ProjectFileSource>& sources,
                                    const ProjectFileSource& own, const std::vector<std::string>& names) {
    std::vector<python::ProjectFile> project;
    size_t index = sources.size();
    for (const ProjectFileSource& source : sources) {
        if (source.facts == nullptr)
            continue;
        if (source.path == own.path)
            index = project.size();
        project.push_back({source.path, source.module, source.path.ends_with("__init__.py"), source.facts});
    }
    std::vector<std::string> readers;
    if (index == sources.size())
        return readers;
    for (const std::string& name : names)
        for (const python::Reader& reader : python::readers_of(project, index, name)) {
            std::string where = fmt::format("{}:{}", project[reader.file].path, reader.line);
            if (std::find(readers.begin(), readers.end(), where) == readers.end())
                readers.push_back(std::move(where));
        }
    return readers;
}

bool project_module(const std::vector<ProjectFileSource>& sources, const std::string& module) {
    std::string top = module.substr(0, module.find('.'));
    return std::any_of(sources.begin(), sources.end(), [&](const ProjectFileSource& source) {
        return !source.module.empty() && source.module.substr(0, source.module.find('.')) == top;
    });
}

/// The plan's module-level rows of `source` that `wanted` keeps, one intent per
/// statement: the names of a split statement's later rows join its first.
template <class Intent, class Wanted, class Make, class Merge>
std::vector<Intent> intents_by_statement(const policy::Plan& plan, const ProjectFileSource& source,
                                         Wanted wanted, Make make, Merge merge) {
    std::vector<Intent> intents;
    std::set<uint32_t> seen;
    for (const PlanItem& item : plan.items) {
        if (item.file != source.path || item.scope != "<module>" || !wanted(item))
            continue;
        const python::ImportSite* site = site_at(*source.facts, item.line);
        if (site == nullptr)
            continue;
        if (!seen.insert(item.line).second) {
            auto& names = intents.back().names;
            names.insert(names.end(), item.names.begin(), item.names.end());
            merge(intents.back(), item);
            continue;
        }
        intents.push_back(make(item, python::import_statement_text(*site)));
    }
    return intents;
}

/// A row that moves with other rows' remedies (a move lmms fix makes only with them).
bool moves_with_remedies(const PlanItem& item) {
    return item.action == Action::keep && item.remedy &&
           item.remedy->kind == policy::RemedyKind::move_with_remedies &&
           item.remedy->fix != policy::RemedyFix::manual;
}

/// A row that moves with unsafe remedies makes its statement's move unsafe.
void join_unsafe_partners(LazyIntent& intent, const PlanItem& item) {
    if (moves_with_remedies(item) && item.remedy->fix == policy::RemedyFix::unsafe &&
        intent.unsafe_reason.empty())
        intent.unsafe_reason = "it saves time only with unsafe remedies of other rows";
}

/// fix_key of the fix of `site`'s statement in `file`.
std::string statement_key(const std::string& file, const python::ImportSite& site) {
    return file + "\n" + python::import_statement_text(site);
}

/// The applied moves that go with remedies this run did not apply, by fix_key: why each is refused.
using DroppedMoves = std::map<std::string, std::string>;

/// The plan's lazy rows of one file, one intent per statement (split rows merged),
/// and the rows that move with remedies, unless `dropped` leaves them out.
std::vector<LazyIntent> lazy_intents(const policy::Plan& plan, const std::vector<ProjectFileSource>& sources,
                                     const ProjectFileSource& source, const DroppedMoves& dropped) {
    std::vector<LazyIntent> intents = intents_by_statement<LazyIntent>(
        plan, source,
        [&](const PlanItem& item) {
            if (item.action == Action::lazy)
                return true;
            const python::ImportSite* site = site_at(*source.facts, item.line);
            return moves_with_remedies(item) && site != nullptr &&
                   !dropped.contains(statement_key(source.path, *site));
        },
        [&](const PlanItem& item, std::string statement) {
            LazyIntent intent{std::move(statement), item.names, {}, project_module(sources, item.module), {}};
            join_unsafe_partners(intent, item);
            return intent;
        },
        join_unsafe_partners);
    for (LazyIntent& intent : intents)
        intent.read_by = readers_of(sources, source, intent.names);
    return intents;
}

bool applies_itself(const policy::Remedy& remedy) {
    return mechanical(remedy.kind) && remedy.fix != policy::RemedyFix::manual;
}

/// The plan's blocked rows of one file that a remedy lmms fix applies unblocks, one per statement.
std::vector<RemedyIntent> remedy_intents(const policy::Plan& plan,
                                         const std::vector<ProjectFileSource>& sources,
                                         const ProjectFileSource& source) {
    std::vector<RemedyIntent> intents = intents_by_statement<RemedyIntent>(
        plan, source,
        [](const PlanItem& item) {
            return item.action == Action::cannot_move && item.remedy && applies_itself(*item.remedy);
        },
        [](const PlanItem& item, std::string statement) {
            return RemedyIntent{std::move(statement), item.names, *item.remedy, {}};
        },
        [](RemedyIntent&, const PlanItem&) {});
    if (intents.empty())
        return intents;
    std::map<std::string, std::vector<std::string>> imported;
    for_each_from_import(sources, source, [&](const std::string& name, std::string where) {
        imported[name].push_back(std::move(where));
    });
    for (RemedyIntent& intent : intents)
        intent.imported_elsewhere = imported;
    return intents;
}

/// The plan's remedies that only a person can apply, with their edit.
void list_manual_remedies(const policy::Plan& plan, ProjectFix& out) {
    for (const PlanItem& item : plan.items) {
        if (item.action != Action::cannot_move || !item.remedy || applies_itself(*item.remedy))
            continue;
        SiteFix fix;
        fix.file = item.file;
        fix.line = item.line;
        fix.statement = item.statement;
        fix.remedy = policy::remedy_kind_name(item.remedy->kind);
        fix.remedy_edit = item.remedy->edit;
        fix.saving_ms = item.remedy->saving_ms;
        fix.manual = true;
        fix.refused = "to do by hand: " + item.remedy->edit;
        if (out.manual.empty() || fix_key(out.manual.back()) != fix_key(fix))
            out.manual.push_back(std::move(fix));
    }
}

FixFilter make_filter(const ProjectFixOptions& options) {
    return [&options](const SiteFix& fix) -> std::string {
        auto named = [&](const std::vector<std::string>& selectors) {
            return std::any_of(selectors.begin(), selectors.end(),
                               [&](const auto& s) { return selects(s, fix); });
        };
        if (!options.select.empty() && !named(options.select))
            return "not selected (--select)";
        if (named(options.ignore))
            return "ignored (--ignore)";
        if (options.only && !options.only->contains(fix_key(fix)))
            return "left out of this subset";
        if (fix.applicability == Applicability::unsafe && !options.unsafe_fixes)
            return "unsafe: " + fix.unsafe_reason + " (--unsafe-fixes applies it)";
        return "";
    };
}

/// The entry's statements whose every row the fast path takes over, as they
/// read once `applied` ran: a statement whose lazy names moved into functions
/// is routed with the names left (else the next run would route them: no fixed point).
std::vector<std::string> routed_statements(const policy::Plan& plan, const ProjectFileSource& entry,
                                           const std::vector<SiteFix>& applied) {
    struct Rows {
        bool all_routed = true;
        std::set<std::string> routed_names;
        bool moved = false;  // some rows were lazy, and their fix was applied
    };
    std::map<uint32_t, Rows> by_line;
    for (const PlanItem& item : plan.items) {
        if (item.file != entry.path || item.scope != "<module>")
            continue;
        const python::ImportSite* site = site_at(*entry.facts, item.line);
        Rows& rows = by_line[item.line];
        if (item.action == Action::fast_path || item.action == Action::exception) {
            rows.routed_names.insert(item.names.begin(), item.names.end());
            continue;
        }
        bool moved =
            item.action == Action::lazy && site != nullptr &&
            std::any_of(applied.begin(), applied.end(), [&](const SiteFix& fix) {
                return fix.file == entry.path && fix.statement == python::import_statement_text(*site);
            });
        rows.moved = rows.moved || moved;
        rows.all_routed = rows.all_routed && moved;
    }
    std::vector<std::string> statements;
    for (const auto& [line, rows] : by_line) {
        const python::ImportSite* site = site_at(*entry.facts, line);
        if (!rows.all_routed || site == nullptr || rows.routed_names.empty())
            continue;
        statements.push_back(rows.moved ? partial_statement(*site, rows.routed_names)
                                        : python::import_statement_text(*site));
    }
    return statements;
}

void route_entry(const policy::Plan& plan, const ProjectFileSource& entry, const std::string& fast_path_text,
                 const FixFilter& filter, std::string& text, ProjectFix& out) {
    FastPathRoute route{routed_statements(plan, entry, out.applied), plan.fast_path_module, {}};
    if (route.statements.empty())
        return;
    python::FileFacts fast_path = python::scan_source(fast_path_text);
    route.exported = module_level_names(fast_path);
    python::FileFacts facts = python::scan_source(text);
    SourceLines lines(text);
    FileView view{entry.path, entry.module, false, &facts, &lines};
    SiteFix fix = route_through_fast_path(view, route);
    if (fix.done)
        return;
    if (std::string why = fix.refused.empty() ? filter(fix) : fix.refused; !why.empty()) {
        out.skipped.push_back(refuse(std::move(fix), why));
        return;
    }
    auto routed = lines.apply(fix.edits);
    if (!routed || !python::scan_source(*routed).errors.empty()) {
        out.skipped.push_back(refuse(std::move(fix), "the result would not parse"));
        return;
    }
    text = std::move(*routed);
    out.applied.push_back(std::move(fix));
}

/// The plan's hoists, which lmms fix leaves to the user: moving an import up
/// can close an import cycle or leave a guard (TRAPS.md 15, 16).
void report_hoists(const policy::Plan& plan, ProjectFix& out) {
    for (const PlanItem& item : plan.items) {
        if (item.action != Action::hoist)
            continue;
        SiteFix fix;
        fix.file = item.file;
        fix.line = item.line;
        fix.statement = item.statement;
        fix.refused =
            "a hoist: lmms fix does not move imports up (an import cycle or a guard could break it)";
        out.skipped.push_back(std::move(fix));
    }
}

}  // namespace

std::string fix_key(const SiteFix& fix) {
    return fix.file + "\n" + fix.statement;
}

bool selects(const std::string& selector, const SiteFix& fix) {
    size_t colon = selector.rfind(':');
    bool has_line =
        colon != std::string::npos && colon + 1 < selector.size() &&
        std::all_of(selector.begin() + static_cast<std::ptrdiff_t>(colon) + 1, selector.end(), ::isdigit);
    std::string file = has_line ? selector.substr(0, colon) : selector;
    while (file.starts_with("./"))
        file.erase(0, 2);
    bool file_matches =
        fix.file == file || (!file.empty() && fix.file.starts_with(file.back() == '/' ? file : file + "/"));
    return file_matches && (!has_line || std::to_string(fix.line) == selector.substr(colon + 1));
}

namespace {

/// fix_key of the plan row at `file:line`, as the fixer names the fix of its statement.
std::string row_key(const std::vector<ProjectFileSource>& sources, const std::string& file, uint32_t line) {
    for (const ProjectFileSource& source : sources)
        if (source.path == file && source.facts != nullptr)
            if (const python::ImportSite* site = site_at(*source.facts, line))
                return statement_key(file, *site);
    return fmt::format("{}:{}", file, line);
}

/// The same, of a remedy's `with` entry (`file:line`).
std::string row_key(const std::vector<ProjectFileSource>& sources, const std::string& at) {
    size_t colon = at.rfind(':');
    return row_key(sources, at.substr(0, colon), static_cast<uint32_t>(std::stoul(at.substr(colon + 1))));
}

/// The moves this run applied whose partner remedies it did not apply, with why.
DroppedMoves moves_without_partners(const policy::Plan& plan, const std::vector<ProjectFileSource>& sources,
                                    const std::vector<SiteFix>& applied) {
    std::set<std::string> done;
    for (const SiteFix& fix : applied)
        done.insert(fix_key(fix));
    DroppedMoves dropped;
    for (const PlanItem& item : plan.items) {
        if (!moves_with_remedies(item))
            continue;
        std::string key = row_key(sources, item.file, item.line);
        if (!done.contains(key))
            continue;
        for (const std::string& at : item.remedy->with)
            if (!done.contains(row_key(sources, at)))
                dropped.emplace(key, fmt::format("it saves time only with the remedy of {}, which this run "
                                                 "does not apply",
                                                 at));
    }
    return dropped;
}

/// The moves of `source` that `dropped` leaves out, as refused fixes (one per statement).
void refuse_dropped_moves(const policy::Plan& plan, const ProjectFileSource& source,
                          const DroppedMoves& dropped, std::vector<SiteFix>& skipped) {
    std::set<std::string> refused;
    for (const PlanItem& item : plan.items) {
        const python::ImportSite* site = item.file == source.path && moves_with_remedies(item)
                                             ? site_at(*source.facts, item.line)
                                             : nullptr;
        auto it = site == nullptr ? dropped.end() : dropped.find(statement_key(source.path, *site));
        if (it == dropped.end() || !refused.insert(it->first).second)
            continue;
        SiteFix fix;
        fix.file = item.file;
        fix.line = item.line;
        fix.statement = python::import_statement_text(*site);
        fix.remedy = policy::remedy_kind_name(item.remedy->kind);
        fix.saving_ms = item.remedy->saving_ms;
        fix.refused = it->second;
        skipped.push_back(std::move(fix));
    }
}

/// Every file's fixes, the moves in `dropped` left out.
ProjectFix fix_files(const policy::Plan& plan, const std::vector<ProjectFileSource>& sources,
                     const std::optional<std::string>& fast_path_text, const ProjectFixOptions& options,
                     const DroppedMoves& dropped) {
    ProjectFix out;
    FixFilter filter = make_filter(options);
    for (const ProjectFileSource& source : sources) {
        if (source.facts == nullptr)
            continue;
        refuse_dropped_moves(plan, source, dropped, out.skipped);
        std::vector<LazyIntent> intents = lazy_intents(plan, sources, source, dropped);
        std::vector<RemedyIntent> remedies = remedy_intents(plan, sources, source);
        bool entry = source.path == plan.entry_file && fast_path_text.has_value();
        if (intents.empty() && remedies.empty() && !entry)
            continue;
        FileInput input{source.path, source.module, source.path.ends_with("__init__.py"), source.bytes};
        FileFixResult result = fix_file(input, intents, remedies, options.style, filter);
        if (!result.error.empty()) {
            out.errors.push_back(result.error);
            continue;
        }
        out.applied.insert(out.applied.end(), result.applied.begin(), result.applied.end());
        out.skipped.insert(out.skipped.end(), result.skipped.begin(), result.skipped.end());
        if (entry)
            route_entry(plan, source, *fast_path_text, filter, result.text, out);
        if (result.text != source.bytes)
            out.files.push_back({source.path, source.bytes, result.text});
    }
    return out;
}

}  // namespace

ProjectFix fix_project(const policy::Plan& plan, const std::vector<ProjectFileSource>& sources,
                       const std::optional<std::string>& fast_path_before,
                       const std::optional<std::string>& fast_path_text, const ProjectFixOptions& options) {
    ProjectFix out = fix_files(plan, sources, fast_path_text, options, {});
    // A move that goes with remedies is made only in a run that applies them all.
    if (auto dropped = moves_without_partners(plan, sources, out.applied); !dropped.empty())
        out = fix_files(plan, sources, fast_path_text, options, dropped);
    out.style = options.style;
    report_hoists(plan, out);
    list_manual_remedies(plan, out);
    bool routed = std::any_of(out.applied.begin(), out.applied.end(), [&](const SiteFix& fix) {
        return fix.file == plan.entry_file && !fix.destinations.empty() &&
               fix.destinations[0] == plan.fast_path_module;
    });
    if (routed && fast_path_text && fast_path_before != fast_path_text)
        out.files.push_back({plan.fast_path_file, fast_path_before, *fast_path_text});
    std::sort(out.files.begin(), out.files.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    auto by_place = [](const SiteFix& a, const SiteFix& b) {
        return std::tie(a.file, a.line) < std::tie(b.file, b.line);
    };
    std::stable_sort(out.applied.begin(), out.applied.end(), by_place);
    std::stable_sort(out.skipped.begin(), out.skipped.end(), by_place);
    std::stable_sort(out.manual.begin(), out.manual.end(), by_place);
    return out;
}

}  // namespace lmms::fix

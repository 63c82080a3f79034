// The fixer loop: every pass scans the current text, finds the intents'
// sites again, asks the style for edits, and keeps only those whose result
// parses. A pass that changes nothing ends it.

#include "fix/fixer.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "fix/remedy_fix.hpp"
#include "fix/site_text.hpp"
#include "python/statement_text.hpp"

namespace lmms::fix {

namespace {

struct Pass {
    std::string text;  // its own copy: lines views into it while the fixer rewrites result.text
    python::FileFacts facts;
    SourceLines lines;
    FileView view;
    Pass(const FileInput& input, const std::string& source)
        : text(source), facts(python::scan_source(text)), lines(text) {
        view = {input.path, input.module, input.package_init, &facts, &lines};
    }
};

std::vector<LazyRequest> find_requests(const python::FileFacts& facts,
                                       const std::vector<LazyIntent>& intents) {
    std::vector<LazyRequest> requests;
    for (size_t index = 0; index < facts.imports.size(); ++index) {
        const python::ImportSite& site = facts.imports[index];
        if (site.scope != 0 || site.guard == python::Guard::type_checking)
            continue;  // under TYPE_CHECKING: where an annotation-only import goes, not a site to move
        std::string statement = python::import_statement_text(site);
        for (const LazyIntent& intent : intents)
            if (intent.statement == statement)
                requests.push_back({index, intent.names, intent.read_by, intent.project_module});
    }
    return requests;
}

std::vector<RemedyRequest> find_remedy_requests(const python::FileFacts& facts,
                                                const std::vector<RemedyIntent>& remedies,
                                                const std::vector<std::vector<std::string>>& blocking) {
    std::vector<RemedyRequest> requests;
    for (size_t index = 0; index < facts.imports.size(); ++index) {
        const python::ImportSite& site = facts.imports[index];
        if (site.scope != 0 || site.guard == python::Guard::type_checking)
            continue;
        std::string statement = python::import_statement_text(site);
        for (size_t at = 0; at < remedies.size(); ++at)
            if (remedies[at].statement == statement)
                requests.push_back({index, remedies[at].names, remedies[at].remedy,
                                    remedies[at].imported_elsewhere, blocking[at]});
    }
    return requests;
}

std::vector<SiteFix> site_fixes(const FileView& view, const std::vector<LazyRequest>& requests, Style style) {
    if (style == Style::lazy_modules)
        return list_lazy_modules(view, requests);
    std::vector<SiteFix> fixes;
    for (const LazyRequest& request : requests)
        fixes.push_back(style == Style::lazy ? mark_lazy(view, request) : move_into_functions(view, request));
    return fixes;
}

/// A move that goes with unsafe remedies is as unsafe as they are.
void mark_unsafe_with_remedies(SiteFix& fix, const std::vector<LazyIntent>& intents) {
    for (const LazyIntent& intent : intents)
        if (intent.statement == fix.statement && !intent.unsafe_reason.empty() &&
            fix.applicability == Applicability::safe) {
            fix.applicability = Applicability::unsafe;
            fix.unsafe_reason = intent.unsafe_reason;
        }
}

/// Drops the fixes of statements that a fix kept before them carries along
/// (a remedy moving a whole block): the remedy does their part.
void leave_carried_to_carriers(std::vector<SiteFix>& candidates, std::vector<SiteFix>& refused) {
    std::set<std::string> carried;
    std::vector<SiteFix> kept;
    for (SiteFix& fix : candidates) {
        if (carried.contains(fix.statement))
            continue;
        carried.insert(fix.carries.begin(), fix.carries.end());
        kept.push_back(std::move(fix));
    }
    candidates = std::move(kept);
    std::erase_if(refused, [&](const SiteFix& fix) { return carried.contains(fix.statement); });
}

/// Of the shared edits with the same lines, keeps the first in the file.
void drop_repeated_shared_edits(std::vector<Edit>& edits) {
    std::map<std::vector<std::string>, std::pair<uint32_t, uint32_t>> first;  // lines -> (line, order)
    for (const Edit& edit : edits)
        if (edit.shared) {
            auto place = std::make_pair(edit.first_line, edit.order);
            auto [at, inserted] = first.emplace(edit.lines, place);
            if (!inserted && place < at->second)
                at->second = place;
        }
    std::set<std::vector<std::string>> written;
    std::erase_if(edits, [&](const Edit& edit) {
        if (!edit.shared)
            return false;
        bool is_first = first.at(edit.lines) == std::make_pair(edit.first_line, edit.order);
        return !is_first || !written.insert(edit.lines).second;
    });
}

/// The fixes' edits, with `from typing import TYPE_CHECKING` written once: by
/// the first edit in the file that has it. Done on each set tried, not once
/// up front, so the import stays when the fix that held it is left out.
std::vector<Edit> all_edits(const std::vector<SiteFix>& fixes) {
    std::vector<Edit> edits;
    for (const SiteFix& fix : fixes)
        edits.insert(edits.end(), fix.edits.begin(), fix.edits.end());
    drop_repeated_shared_edits(edits);
    auto has_import = [](const Edit& edit) {
        return std::find(edit.lines.begin(), edit.lines.end(), k_type_checking_import) != edit.lines.end();
    };
    const Edit* first = nullptr;
    for (const Edit& edit : edits)
        if (has_import(edit) && (first == nullptr || edit.first_line < first->first_line))
            first = &edit;
    for (Edit& edit : edits)
        if (&edit != first && has_import(edit))
            edit.lines.erase(std::find(edit.lines.begin(), edit.lines.end(), k_type_checking_import));
    return edits;
}

/// Whether `text` scans without an error (the parse guard).
bool parses(const std::string& text) {
    return python::scan_source(text).errors.empty();
}

/// Keeps the fixes that apply together and parse: each is tried on top of the
/// ones kept so far, in order; one that overlaps or breaks the syntax is skipped.
std::vector<SiteFix> keep_applicable(const SourceLines& lines, std::vector<SiteFix> candidates,
                                     std::vector<SiteFix>& skipped, std::string& text) {
    if (auto together = lines.apply(all_edits(candidates)); together && parses(*together)) {
        text = *together;
        return candidates;
    }
    std::vector<SiteFix> kept;
    for (SiteFix& fix : candidates) {
        kept.push_back(fix);
        auto attempt = lines.apply(all_edits(kept));
        if (attempt && parses(*attempt)) {
            text = *attempt;
            continue;
        }
        kept.pop_back();
        skipped.push_back(
            refuse(std::move(fix), attempt ? "the result would not parse" : attempt.error().message));
    }
    return kept;
}

}  // namespace

FileFixResult fix_file(const FileInput& input, const std::vector<LazyIntent>& intents, Style style,
                       const FixFilter& filter) {
    return fix_file(input, intents, {}, style, filter);
}

FileFixResult fix_file(const FileInput& input, const std::vector<LazyIntent>& intents,
                       const std::vector<RemedyIntent>& remedies, Style style, const FixFilter& filter) {
    FileFixResult result;
    result.text = input.bytes;
    std::map<std::string, bool> reported;            // skipped sites are reported once, from the first pass
    std::vector<std::vector<std::string>> blocking;  // per remedy: its blocking statements' text
    for (int pass = 0; pass < k_max_passes; ++pass) {
        Pass current(input, result.text);
        if (!current.facts.errors.empty()) {
            const python::SourceError& error = current.facts.errors.front();
            result.error = fmt::format("{}:{}: {}: nothing is changed in a file that does not parse",
                                       input.path, error.line, error.message);
            result.text = input.bytes;
            result.applied.clear();
            return result;
        }
        ++result.passes;
        if (pass == 0)  // the plan's blocking lines are lines of the file as read
            for (const RemedyIntent& intent : remedies)
                blocking.push_back(blocking_statements(current.facts, input.path, intent.remedy));
        std::vector<SiteFix> fixes =
            remedy_fixes(current.view, find_remedy_requests(current.facts, remedies, blocking));
        for (SiteFix& fix : site_fixes(current.view, find_requests(current.facts, intents), style)) {
            mark_unsafe_with_remedies(fix, intents);
            fixes.push_back(std::move(fix));
        }
        std::vector<SiteFix> candidates;
        std::vector<SiteFix> refused;
        for (SiteFix& fix : fixes) {
            std::string why = fix.refused.empty() && !fix.done ? filter(fix) : fix.refused;
            if (fix.done)
                continue;
            if (why.empty())
                candidates.push_back(std::move(fix));
            else
                refused.push_back(refuse(std::move(fix), why));
        }
        leave_carried_to_carriers(candidates, refused);
        for (SiteFix& fix : refused)
            if (bool& seen = reported[fix.statement]; !seen) {
                seen = true;
                result.skipped.push_back(std::move(fix));
            }
        if (candidates.empty())
            break;
        std::vector<SiteFix> left_out;
        std::vector<SiteFix> kept =
            keep_applicable(current.lines, std::move(candidates), left_out, result.text);
        for (SiteFix& fix : left_out)
            if (bool& seen = reported[fix.statement]; !seen) {
                seen = true;
                result.skipped.push_back(std::move(fix));
            }
        for (SiteFix& fix : kept) {
            reported[fix.statement] = true;
            result.applied.push_back(std::move(fix));
        }
        if (kept.empty())
            break;
    }
    return result;
}

}  // namespace lmms::fix

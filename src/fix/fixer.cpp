// The fixer loop: every pass scans the current text, finds the intents'
// sites again, asks the style for edits, and keeps only those whose result
// parses. A pass that changes nothing ends it.

#include "fix/fixer.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

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

std::vector<SiteFix> site_fixes(const FileView& view, const std::vector<LazyRequest>& requests, Style style) {
    if (style == Style::lazy_modules)
        return list_lazy_modules(view, requests);
    std::vector<SiteFix> fixes;
    for (const LazyRequest& request : requests)
        fixes.push_back(style == Style::lazy ? mark_lazy(view, request) : move_into_functions(view, request));
    return fixes;
}

/// The fixes' edits, with `from typing import TYPE_CHECKING` written once: by
/// the first edit in the file that has it. Done on each set tried, not once
/// up front, so the import stays when the fix that held it is left out.
std::vector<Edit> all_edits(const std::vector<SiteFix>& fixes) {
    std::vector<Edit> edits;
    for (const SiteFix& fix : fixes)
        edits.insert(edits.end(), fix.edits.begin(), fix.edits.end());
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
    FileFixResult result;
    result.text = input.bytes;
    std::map<std::string, bool> reported;  // skipped sites are reported once, from the first pass
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
        std::vector<SiteFix> candidates;
        for (SiteFix& fix : site_fixes(current.view, find_requests(current.facts, intents), style)) {
            std::string why = fix.refused.empty() && !fix.done ? filter(fix) : fix.refused;
            if (fix.done)
                continue;
            if (!why.empty()) {
                if (bool& seen = reported[fix.statement]; !seen) {
                    seen = true;
                    result.skipped.push_back(refuse(std::move(fix), why));
                }
                continue;
            }
            candidates.push_back(std::move(fix));
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

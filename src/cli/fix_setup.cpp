// Around the fixer: the style, the files read, the refusals (stale, dirty)
// and the one transaction that writes the snapshot and the fixed files.

#include "cli/fix_setup.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "base/files.hpp"
#include "base/git.hpp"
#include "base/process.hpp"
#include "cli/recording.hpp"
#include "fix/fast_path.hpp"
#include "fix/snapshot.hpp"
#include "python/project_files.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

std::pair<int, int> oldest_python(const std::string& requires_python) {
    // The lower bounds of a specifier set: ">=3.15", "~=3.15", "==3.15.*", ">3.14" (3.15).
    std::pair<int, int> oldest{0, 0};
    size_t at = 0;
    while (at < requires_python.size()) {
        size_t end = requires_python.find(',', at);
        std::string clause =
            requires_python.substr(at, end == std::string::npos ? std::string::npos : end - at);
        at = end == std::string::npos ? requires_python.size() : end + 1;
        clause.erase(std::remove(clause.begin(), clause.end(), ' '), clause.end());
        int major = 0;
        int minor = 0;
        for (const char* op : {">=", "~=", "==", ">"})
            if (clause.starts_with(op) &&
                std::sscanf(clause.c_str() + std::string_view(op).size(), "%d.%d", &major, &minor) == 2) {
                if (std::string_view(op) == ">")
                    ++minor;
                oldest = std::max(oldest, std::pair{major, minor});
                break;
            }
    }
    return oldest;
}

Expected<fix::Style> choose_style(const FixFlags& flags, const config::Config& config, std::string& reason) {
    if (flags.style == "lazy" || flags.style == "lazy-modules" || flags.style == "function") {
        reason = "--style";
        return flags.style == "lazy"           ? fix::Style::lazy
               : flags.style == "lazy-modules" ? fix::Style::lazy_modules
                                               : fix::Style::function;
    }
    std::string version = flags.target_version;
    std::string source = "--target-version";
    if (version.empty() && config.requires_python) {
        version = *config.requires_python;
        source = "requires-python";
    }
    if (version.empty()) {
        reason = "the default: no --target-version, no requires-python";
        return fix::Style::function;
    }
    auto [major, minor] =
        flags.target_version.empty() ? oldest_python(version) : oldest_python(">=" + version);
    if (major == 0)
        return make_error(fmt::format("{} `{}` names no Python version", source, version));
    bool lazy = std::pair{major, minor} >= std::pair{3, 15};
    reason = fmt::format("{} {}: {}", source, version,
                         lazy ? "Python >= 3.15 has PEP 810 lazy imports" : "Python < 3.15 is supported");
    return lazy ? fix::Style::lazy : fix::Style::function;
}

namespace {

/// The fast-path file as `lmms fastpath` writes it, when the plan routes the entry there.
Expected<std::pair<std::optional<std::string>, std::optional<std::string>>> fast_path_texts(
    const PlanContext& planned) {
    const policy::Plan& plan = planned.plan;
    std::pair<std::optional<std::string>, std::optional<std::string>> texts;
    if (plan.summary.fast_path == 0 || plan.fast_path_file.empty())
        return texts;
    fs::path path = planned.project / plan.fast_path_file;
    std::error_code ec;
    if (fs::exists(path, ec))
        texts.first = LMMS_TRY(base::read_file(path));
    fix::FastPathFile rendered =
        LMMS_TRY(fix::render_fast_path(plan, texts.first, planned.fast_path_tolerance));
    texts.second = rendered.text;
    return texts;
}

}  // namespace

Expected<PreparedFix> prepare_fix(const PlanContext& planned, const FixFlags& flags) {
    PreparedFix prepared;
    prepared.options.style = LMMS_TRY(choose_style(flags, planned.config, prepared.style_reason));
    prepared.options.unsafe_fixes = flags.unsafe_fixes;
    prepared.options.select = flags.select;
    prepared.options.ignore = flags.ignore;
    for (const python::ScannedFile& file : planned.scanned->files) {
        if (!file.read_error.empty())
            continue;
        std::string bytes = LMMS_TRY(base::read_file(planned.project / file.path));
        prepared.sources.push_back(
            {file.path, python::module_for_path(file.path, planned.roots), std::move(bytes), &file.facts});
    }
    std::tie(prepared.fast_path_before, prepared.fast_path_text) = LMMS_TRY(fast_path_texts(planned));
    prepared.fix = fix::fix_project(planned.plan, prepared.sources, prepared.fast_path_before,
                                    prepared.fast_path_text, prepared.options);
    prepared.fix.style_reason = prepared.style_reason;
    return prepared;
}

namespace {

std::vector<std::string> touched_files(const PreparedFix& prepared) {
    std::vector<std::string> touched;
    for (const fix::ChangedFile& file : prepared.fix.files)
        touched.push_back(file.path);
    return touched;
}

}  // namespace

Expected<void> check_stale(const PlanContext& planned, const PreparedFix& prepared) {
    std::vector<std::string> touched = touched_files(prepared);
    if (touched.empty() || !planned.profile->has_sources)
        return {};
    fix::Snapshot snapshot = LMMS_TRY(fix::read_snapshot(planned.project));
    std::vector<std::string> stale =
        fix::stale_files(*planned.profile, prepared.fix.files, snapshot, planned.plan.fast_path_file);
    if (stale.empty())
        return {};
    return make_error(
        fmt::format("stale: {} changed since the profile was taken; run `lmms profile` (and "
                    "`lmms usage`) again",
                    fmt::join(stale, ", ")));
}

Expected<void> check_dirty(const PlanContext& planned, const PreparedFix& prepared, const FixFlags& flags) {
    std::vector<std::string> touched = touched_files(prepared);
    if (touched.empty() || flags.allow_dirty)
        return {};
    base::PosixProcessRunner runner;
    std::vector<std::string> dirty = LMMS_TRY(base::uncommitted_files(planned.project, touched, runner));
    if (dirty.empty())
        return {};
    return make_error(fmt::format("{} {} uncommitted changes; commit or stash them, or pass --allow-dirty",
                                  fmt::join(dirty, ", "), dirty.size() == 1 ? "has" : "have"));
}

Expected<std::vector<base::FileWrite>> write_fix(const PlanContext& planned, const fix::ProjectFix& result) {
    std::vector<base::FileWrite> undo;
    if (result.files.empty())
        return undo;
    fix::Snapshot snapshot =
        fix::current_part(planned.project, LMMS_TRY(fix::read_snapshot(planned.project)));
    std::vector<base::FileWrite> writes =
        fix::snapshot_writes(planned.project, snapshot, result.files, now_iso8601());
    for (const fix::ChangedFile& file : result.files)
        writes.push_back({planned.project / file.path, file.after, !file.before.has_value()});
    for (const base::FileWrite& write : writes) {
        std::error_code ec;
        std::optional<std::string> was;
        if (fs::exists(write.path, ec))
            was = LMMS_TRY(base::read_file(write.path));
        undo.push_back({write.path, std::move(was), false});
    }
    LMMS_TRY_VOID(base::write_files_transaction(writes));
    return undo;
}

}  // namespace lmms::cli

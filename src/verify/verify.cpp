#include "verify/verify.hpp"

#include <fmt/format.h>

#include "capture/alternating_profile.hpp"
#include "capture/profile_builder.hpp"
#include "capture/replay.hpp"
#include "verify/figures.hpp"

namespace lmms::verify {

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> roots_of(const fs::path& tree, const std::vector<std::string>& src) {
    std::vector<fs::path> roots;
    roots.reserve(src.size());
    for (const std::string& root : src)
        roots.push_back((tree / root).lexically_normal());
    return roots;
}

std::string profile_entry(const VerifyOptions& options) {
    if (!options.profile_entry.empty())
        return options.profile_entry;
    const Workload& workload = options.workload;
    return workload.module.empty() ? "" : workload.module + ":" + workload.function;
}

capture::ProfileRequest profile_request(const fs::path& tree, const VerifyOptions& options) {
    std::string entry = profile_entry(options);
    size_t colon = entry.find(':');
    capture::ProfileRequest request;
    request.python = options.python;
    request.python_reason = "as for the workload";
    request.project_dir = tree;
    request.module = entry.substr(0, colon);
    request.function = colon == std::string::npos ? "" : entry.substr(colon + 1);
    request.src_roots = roots_of(tree, options.src);
    request.runs = options.runs;
    request.timeout = options.profile_timeout;
    return request;
}

model::Profile profile_of(const capture::Captures& captures, const capture::ProfileRequest& request) {
    return capture::build_profile(captures, {request.project_dir, request.src_roots});
}

/// A tree whose entry was imported from elsewhere (an installed copy, a path
/// hook) would compare another program: both must import their own.
Expected<void> check_entry_file(const model::Replay& replay, std::string_view tree) {
    if (replay.entry_file.empty() || replay.entry_file.starts_with("<tree>/"))
        return {};
    return make_error(fmt::format("the {} tree imported the entry from {}, not from the tree itself", tree,
                                  replay.entry_file),
                      {}, "an installed copy of the project (pip install -e?) or a path hook came first");
}

/// The reference must run the workload to its end: otherwise nothing can be said of the working tree.
Expected<void> check_reference(const model::Replay& replay) {
    LMMS_TRY_VOID(check_entry_file(replay, "reference"));
    if (!replay.invocations.empty() && replay.invocations.front().number == 0 &&
        !replay.invocations.front().error_type.empty()) {
        const model::InvocationOutcome& import = replay.invocations.front();
        return make_error(fmt::format("the reference tree cannot import the entry: {}: {}", import.error_type,
                                      import.error_message),
                          {}, import.stderr_text);
    }
    if (replay.partial)
        return make_error("the workload stopped early on the reference tree " + replay.partial_reason);
    return {};
}

std::string workload_label(const Workload& workload) {
    return fmt::format("{} {}", workload.kind, workload.file);
}

void add_prediction(const VerifyOptions& options, const fs::path& reference, model::Verification& result) {
    if (!options.predict) {
        result.no_prediction = "no plan given";
        return;
    }
    auto prediction = options.predict(reference);
    if (prediction)
        result.prediction = *prediction;
    else
        result.no_prediction = prediction.error().message;
}

Expected<void> add_measurement(const VerifyOptions& options, const fs::path& reference,
                               base::ProcessRunner& runner, const VerifyProgress& progress,
                               model::Verification& result) {
    if (options.profiling == Profiling::skip) {
        result.no_measurement = "--no-profile";
        return {};
    }
    if (!result.differences.empty()) {
        result.no_measurement = "the trees behave differently";
        return {};
    }
    if (profile_entry(options).empty()) {
        result.no_measurement = "no entry to profile: pass --entry or set `entry` under [tool.lmms]";
        return {};
    }
    result.measurement = LMMS_TRY(measure_trees(reference, options.project, options, runner, progress));
    return {};
}

}  // namespace

Expected<model::Replay> replay_tree(const fs::path& tree, const VerifyOptions& options,
                                    base::ProcessRunner& runner, const VerifyProgress& progress) {
    capture::ReplayRequest request;
    request.python = options.python;
    request.tree = tree;
    request.src_roots = roots_of(tree, options.src);
    request.timeout = options.replay_timeout;
    request.module = options.workload.module;
    request.function = options.workload.function;
    request.events_file = options.workload.events_file;
    request.events = options.workload.events;
    request.commands = options.workload.commands;
    std::string stage = tree == options.project ? "replay working" : "replay reference";
    return capture::replay_workload(request, runner,
                                    [&](const std::string& what, size_t index, size_t total) {
                                        if (progress)
                                            progress(stage, what, index, total);
                                    });
}

Expected<capture::ReferenceTree> build_reference(const VerifyOptions& options, base::ProcessRunner& runner) {
    if (!options.against.empty())
        return capture::reference_from_git(options.project, options.against, runner);
    return capture::reference_from_snapshot(options.project);
}

Expected<model::Measurement> measure_trees(const fs::path& reference, const fs::path& working,
                                           const VerifyOptions& options, base::ProcessRunner& runner,
                                           const VerifyProgress& progress) {
    capture::ProfileRequest before = profile_request(reference, options);
    capture::ProfileRequest after = profile_request(working, options);
    capture::AlternatingCaptures captures = LMMS_TRY(
        capture::capture_alternating(before, after, runner, [&](std::string_view what, int index, int total) {
            if (progress)
                progress("profile", std::string(what), static_cast<size_t>(index),
                         static_cast<size_t>(total));
        }));
    return measurement_of(profile_of(captures.reference, before), profile_of(captures.working, after));
}

Expected<model::Verification> run_verify(const VerifyOptions& options, base::ProcessRunner& runner,
                                         const VerifyProgress& progress) {
    Masks masks = LMMS_TRY(compile_masks(options.masks));
    std::optional<capture::ReferenceTree> built;
    if (options.reference_dir.empty())
        built = LMMS_TRY(build_reference(options, runner));
    fs::path reference = built ? built->tree.path() : options.reference_dir;
    model::Replay before = LMMS_TRY(replay_tree(reference, options, runner, progress));
    LMMS_TRY_VOID(check_reference(before));
    model::Replay after = LMMS_TRY(replay_tree(options.project, options, runner, progress));
    LMMS_TRY_VOID(check_entry_file(after, "working"));

    model::Verification result;
    result.reference = built ? built->description : reference.string();
    result.workload = workload_label(options.workload);
    if (!options.workload.module.empty())
        result.entry = options.workload.module + ":" + options.workload.function;
    result.python_version = before.python_version;
    result.invocations =
        options.workload.kind == "events" ? options.workload.events.size() : options.workload.commands.size();
    for (const std::string& pattern : options.masks.patterns)
        result.masks.push_back(fmt::format("--mask {}", pattern));
    for (const std::string& path : options.masks.json_paths)
        result.masks.push_back(fmt::format("--mask-json {}", path));
    result.differences = compare_replays(before, after, masks);
    result.first_calls = first_calls(before, after);
    add_prediction(options, reference, result);
    LMMS_TRY_VOID(add_measurement(options, reference, runner, progress, result));
    return result;
}

}  // namespace lmms::verify

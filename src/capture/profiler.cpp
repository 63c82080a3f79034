#include "capture/profiler.hpp"

#include <fmt/format.h>

#include "base/strings.hpp"
#include "capture/probe_text.hpp"

namespace lmms::capture {

namespace {

constexpr size_t k_tail_lines = 20;

std::vector<std::string> probe_argv(const ProfileRequest& request, std::string_view mode) {
    std::vector<std::string> argv{request.python.string()};
    for (const std::string& flag : profile_flags())
        argv.push_back(flag);
    argv.insert(argv.end(), {"-c", std::string(probe_source()), std::to_string(base::k_report_fd),
                             std::string(mode), request.module, request.function});
    for (const auto& root : request.src_roots)
        argv.push_back(root.string());
    return argv;
}

/// The child's own stderr (importtime records removed), for error messages.
std::string stderr_tail(const RunCapture& run) {
    std::string tail = base::tail_lines(run.log.other_output, k_tail_lines);
    if (tail.empty())
        tail = base::tail_lines(run.process.stdout_text, k_tail_lines);
    return tail.empty() ? std::string() : "the child's last output:\n" + tail;
}

Expected<void> check_run(const RunCapture& run, const ProfileRequest& request, const std::string& label) {
    const ProbeReport& report = run.report;
    if (report.failure) {
        std::string detail;
        for (const std::string& line : report.failure->traceback)
            detail += line + "\n";
        std::string what =
            report.failure->stage == "resolve"
                ? fmt::format("entry handler `{}:{}` could not be resolved", request.module, request.function)
                : fmt::format("entry module `{}` could not be imported", request.module);
        detail = base::tail_lines(detail, k_tail_lines);
        if (!detail.empty() && !detail.ends_with('\n'))
            detail += '\n';
        detail += fmt::format("interpreter: {} ({})", request.python.string(), request.python_reason);
        if (request.python_from_path && report.failure->type == "ModuleNotFoundError")
            detail +=
                "\nit may not be the project's environment: pass --python, set `python` under [tool.lmms], "
                "or activate the project's virtual environment";
        return make_error(fmt::format("{}: {}: {}", what, report.failure->type, report.failure->message), {},
                          detail);
    }
    if (run.process.timed_out)
        return make_error(fmt::format("{} {}", label, base::describe_exit(run.process, request.timeout)), {},
                          stderr_tail(run));
    if (!report.ready_arrived || !report.started)
        return make_error(fmt::format("{}: the Python child {} before the entry was ready", label,
                                      base::describe_exit(run.process, request.timeout)),
                          {}, stderr_tail(run));
    return {};
}

Expected<RunCapture> run_probe(const ProfileRequest& request, base::ProcessRunner& runner,
                               std::string_view mode, const std::string& label) {
    base::SpawnRequest spawn{probe_argv(request, mode), request.project_dir, request.timeout, true};
    RunCapture run;
    run.process = LMMS_TRY(runner.run(spawn));
    run.report = parse_probe_report(run.process.report);
    run.log = parse_importtime(run.process.stderr_text);
    LMMS_TRY_VOID(check_run(run, request, label));
    return run;
}

}  // namespace

std::vector<std::string> profile_flags() {
    return {"-X", "importtime"};
}

Expected<RunCapture> capture_warmup(const ProfileRequest& request, base::ProcessRunner& runner) {
    return run_probe(request, runner, "edges", "the warm-up run");
}

Expected<void> capture_round(const ProfileRequest& request, base::ProcessRunner& runner, int index,
                             Captures& captures) {
    std::string label = fmt::format("run {} of {}", index, request.runs);
    captures.floors.push_back(
        LMMS_TRY(run_probe(request, runner, "floor", "the interpreter-start " + label)));
    captures.runs.push_back(LMMS_TRY(run_probe(request, runner, "timed", label)));
    return {};
}

Expected<Captures> capture_profile(const ProfileRequest& request, base::ProcessRunner& runner,
                                   const Progress& progress) {
    Captures captures;
    progress("warm-up", 1, 1);
    captures.warmup = LMMS_TRY(capture_warmup(request, runner));
    for (int index = 1; index <= request.runs; ++index) {
        progress("run", index, request.runs);
        LMMS_TRY_VOID(capture_round(request, runner, index, captures));
    }
    return captures;
}

}  // namespace lmms::capture

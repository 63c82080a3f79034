// `lmms usage`: run the workload under the line tracer, join the lines that
// ran with the scanner's references, print and write .lmms/usage.json.

#include <ostream>
#include <unordered_map>

#include <fmt/format.h>

#include "base/files.hpp"
#include "capture/usage_builder.hpp"
#include "capture/usage_capture.hpp"
#include "capture/workload.hpp"
#include "cli/cli.hpp"
#include "cli/entry.hpp"
#include "cli/options.hpp"
#include "cli/plan_setup.hpp"
#include "cli/project_setup.hpp"
#include "model/usage_json.hpp"
#include "python/project_files.hpp"
#include "python/scan.hpp"
#include "report/usage_failures.hpp"
#include "report/usage_text.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

namespace {

struct UsageFlags {
    std::string events;
    std::string commands;
    std::string kind_key;
    SharedFlags shared;
    bool allow_failures = false;
};

void add_flags(CLI::App& app, UsageFlags& flags) {
    app.add_option("--events", flags.events,
                   "JSON Lines file, one event per line, for the handler (config: events)");
    app.add_option(
        "--commands", flags.commands,
        "file of command lines (`-m tool sub --flag`), each run in a fresh interpreter (config: commands)");
    app.add_option(
        "--kind-key", flags.kind_key,
        "event field naming its kind, e.g. detail-type or requestContext.routeKey (config: kind-key; "
        "default: the event's shape)");
    SharedDefaults defaults;
    defaults.entry = "MODULE:FUNCTION handler for --events (config: entry)";
    defaults.timeout = "seconds for the whole events run, or for each command (config: timeout; default 600)";
    SharedOption which = SharedOption::project | SharedOption::python | SharedOption::entry |
                         SharedOption::timeout | SharedOption::format;
    add_shared_options(app, flags.shared, which, defaults);
    app.add_flag("--allow-failures", flags.allow_failures,
                 "exit 0 even when invocations failed (listed as a warning)");
}

/// Failed invocations make a failed measurement (exit 1) unless they are allowed.
int report_failures(const model::Usage& usage, bool allowed, Context& context) {
    if (model::failed_invocations(usage) == 0)
        return k_exit_ok;
    context.err << (allowed ? "warning: " : "error: ") << report::usage_failures_to_text(usage);
    if (allowed)
        return k_exit_ok;
    context.err << "  .lmms/usage.json records them, and `lmms plan` refuses it: fix the workload and run\n"
                   "  `lmms usage` again, or pass --allow-failures to keep a workload that fails\n";
    return k_exit_findings;
}

/// The fast path's file by the plan's rule, from the events' handler or the configured entry.
std::string fast_path_of(const config::Config& config, const std::string& events_entry,
                         const std::vector<std::string>& files, const std::vector<std::string>& roots) {
    std::string entry_text = !events_entry.empty() ? events_entry : config.entry.value_or("");
    auto entry = parse_entry(entry_text);
    return fast_path_file("", config, entry ? entry_file(entry->module, files, roots) : "");
}

Expected<std::string> read_workload_file(const fs::path& project, const std::string& name,
                                         fs::path& absolute) {
    absolute = fs::absolute(project / name);
    return base::read_file(absolute);
}

struct Outcome {
    model::Usage usage;
    bool partial = false;
};

Expected<Outcome> usage(const UsageFlags& flags, Context& context) {
    const SharedFlags& shared = flags.shared;
    ProjectSetup setup = LMMS_TRY(setup_project(shared.project, shared.python));
    const config::Config& config = setup.config;
    std::string events_name = !flags.events.empty() ? flags.events : config.events.value_or("");
    std::string commands_name = !flags.commands.empty() ? flags.commands : config.commands.value_or("");
    if (!flags.events.empty() && !flags.commands.empty())
        return make_error("give --events or --commands, not both");
    if (!flags.events.empty())
        commands_name.clear();
    if (!flags.commands.empty())
        events_name.clear();
    if (events_name.empty() && commands_name.empty())
        return make_error(
            "no workload: pass --events FILE or --commands FILE, or set `events` or `commands` "
            "under [tool.lmms]");

    capture::UsageRequest request;
    request.python = setup.python.path;
    request.project_dir = setup.project;
    request.src_roots = setup.src_roots;
    double timeout = shared.timeout > 0 ? shared.timeout : 600.0;
    request.timeout = std::chrono::milliseconds(static_cast<int64_t>(timeout * 1000));
    capture::UsageInputs inputs;
    if (!events_name.empty()) {
        std::string entry_text = !shared.entry.empty() ? shared.entry : config.entry.value_or("");
        if (entry_text.empty())
            return make_error("no handler for the events: pass --entry MODULE:FUNCTION or set `entry`");
        Entry entry = LMMS_TRY(parse_entry(entry_text));
        if (entry.function.empty())
            return make_error(
                fmt::format("the entry `{}` names no handler function (MODULE:FUNCTION)", entry_text));
        std::string text = LMMS_TRY(read_workload_file(setup.project, events_name, request.events_file));
        std::string kind_key = !flags.kind_key.empty() ? flags.kind_key : config.kind_key.value_or("");
        request.events = LMMS_TRY(capture::parse_events(text, events_name, kind_key));
        request.module = entry.module;
        request.function = entry.function;
        inputs.workload = "events";
        inputs.workload_file = events_name;
        inputs.entry = entry_text;
        inputs.events = request.events;
    } else {
        fs::path absolute;
        std::string text = LMMS_TRY(read_workload_file(setup.project, commands_name, absolute));
        request.commands = LMMS_TRY(capture::parse_commands(text, commands_name));
        inputs.workload = "commands";
        inputs.workload_file = commands_name;
        inputs.commands = request.commands;
    }

    base::PosixProcessRunner runner;
    auto files = LMMS_TRY(python::project_files(setup.project, setup.src_roots, runner, setup.file_scope()));
    python::AnnotationConsumers consumers(setup.config.annotation_consumers);
    python::ScanOptions scan_options;
    scan_options.annotation_consumers = &consumers;
    python::ScanResult scanned = python::scan_files(setup.project, files, scan_options);

    capture::UsageProgress progress = [](const std::string&, size_t, size_t) {};
    if (context.err_is_terminal)
        progress = [&context](const std::string& what, size_t index, size_t total) {
            context.err << fmt::format("\r\033[Kusage: {}/{} {}", index, total, what.substr(0, 60))
                        << std::flush;
        };
    auto captured = capture::capture_usage(request, runner, progress);
    if (context.err_is_terminal)
        context.err << "\r\033[K" << std::flush;
    if (!captured)
        return tl::unexpected(captured.error());

    std::unordered_map<std::string, size_t> traced;
    for (size_t i = 0; i < captured->files.size(); ++i)
        traced[captured->files[i]] = i;
    std::vector<std::string> roots_relative = setup.relative_roots();
    std::string fast_path = fast_path_of(setup.config, inputs.entry, files, roots_relative);
    for (const python::ScannedFile& file : scanned.files) {
        capture::ProjectFile project_file;
        project_file.path = file.path;
        project_file.module = python::module_for_path(file.path, roots_relative);
        project_file.facts = &file.facts;
        project_file.fast_path = file.path == fast_path;
        std::error_code ec;
        fs::path real = fs::weakly_canonical(setup.project / file.path, ec);
        if (auto it = traced.find(real.string()); it != traced.end())
            project_file.traced = it->second;
        inputs.files.push_back(std::move(project_file));
    }
    inputs.capture = &*captured;
    Outcome outcome{capture::build_usage(inputs), captured->partial};
    if (!outcome.partial) {
        fs::path output = setup.project / ".lmms" / "usage.json";
        LMMS_TRY_VOID(base::ensure_writable_directory(output.parent_path()));
        LMMS_TRY_VOID(base::write_file_atomic(output, model::usage_to_json(outcome.usage)));
    }
    return outcome;
}

}  // namespace

int run_usage(Context& context) {
    CLI::App app{
        "Measure how often each import is really used, per invocation, on a workload.\n"
        "Runs the handler once per event (or each command in a fresh interpreter), tracing which\n"
        "lines of the project's files run; writes .lmms/usage.json.",
        "lmms usage"};
    UsageFlags flags;
    add_flags(app, flags);
    if (auto stop = parse_options(app, context))
        return *stop;
    auto result = usage(flags, context);
    if (!result)
        return report_error(result.error(), context.err);
    if (flags.shared.format == "json")
        context.out << model::usage_to_json(result->usage);
    else
        context.out << report::usage_to_text(result->usage);
    if (result->partial) {
        context.err << fmt::format("error: the workload stopped early: {}\n", result->usage.partial_reason)
                    << "  the figures above are partial; .lmms/usage.json was not written\n";
        return k_exit_input;
    }
    return report_failures(result->usage, flags.allow_failures, context);
}

}  // namespace lmms::cli

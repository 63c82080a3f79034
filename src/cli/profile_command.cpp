// `lmms profile`: configuration and flags in, captures run, profile written
// to .lmms/profile.json and printed.

#include <sys/utsname.h>

#include <chrono>
#include <optional>
#include <ostream>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "base/files.hpp"
#include "base/fingerprint.hpp"
#include "base/strings.hpp"
#include "capture/module_code.hpp"
#include "capture/profile_builder.hpp"
#include "capture/profiler.hpp"
#include "capture/site_statements.hpp"
#include "cli/cli.hpp"
#include "cli/entry.hpp"
#include "cli/options.hpp"
#include "cli/project_setup.hpp"
#include "cli/recording.hpp"
#include "config/config.hpp"
#include "config/interpreter.hpp"
#include "model/profile_json.hpp"
#include "python/project_files.hpp"
#include "report/profile_text.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

namespace {

struct ProfileFlags {
    SharedFlags shared;
    bool tree = false;
    int top = 25;
    double min_ms = 1.0;
    // What `lmms baseline` changes: where it writes, and how many runs by default.
    std::string output_name = "profile.json";
    std::optional<int> default_runs;  ///< else config `runs`, else 10
};

void add_flags(CLI::App& app, ProfileFlags& flags) {
    SharedDefaults defaults;
    if (flags.default_runs)
        defaults.runs = fmt::format("default {}", *flags.default_runs);
    add_shared_options(app, flags.shared, k_entry_options | SharedOption::format, defaults);
    app.add_flag("--tree", flags.tree, "also print the import tree");
    app.add_option("--top", flags.top, "rows per table, 0 for all (default 25)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--min-ms", flags.min_ms, "tree: fold imports cheaper than this (default 1.0)")
        ->check(CLI::NonNegativeNumber);
}

std::string platform() {
    utsname name{};
    if (::uname(&name) != 0)
        return "unknown";
    return fmt::format("{} {} {}", name.sysname, name.release, name.machine);
}

struct Prepared {
    capture::ProfileRequest request;
    capture::ProjectLayout layout;
    model::Environment environment;
    model::ProfileSettings settings;
    std::vector<model::SourceFingerprint> sources;
    fs::path output;
};

/// The project's Python files as the plan lists them, fingerprinted before the
/// runs: a file edited while they run is stale afterwards, never missed.
Expected<std::vector<model::SourceFingerprint>> fingerprint_sources(const ProjectSetup& setup) {
    base::PosixProcessRunner runner;
    std::vector<std::string> files = LMMS_TRY(python::project_files(setup.project, setup.src_roots, runner, setup.file_scope()));
    std::vector<model::SourceFingerprint> sources;
    for (auto& [file, fingerprint] : base::fingerprint_files(setup.project, files))
        sources.push_back({std::move(file), std::move(fingerprint)});
    return sources;
}

Expected<Prepared> prepare(const ProfileFlags& profile_flags) {
    const SharedFlags& flags = profile_flags.shared;
    ProjectSetup setup = LMMS_TRY(setup_project(flags.project, flags.python));
    const fs::path& project = setup.project;
    const config::Config& config = setup.config;
    std::string entry_text = !flags.entry.empty() ? flags.entry : config.entry.value_or("");
    if (entry_text.empty())
        return make_error(
            "no entry to profile: pass --entry MODULE[:FUNCTION] or set `entry` under [tool.lmms]");
    Entry entry = LMMS_TRY(parse_entry(entry_text));
    const config::Interpreter& python = setup.python;
    const std::vector<std::string>& src = setup.src;

    Prepared prepared;
    prepared.layout.src_roots = setup.src_roots;
    prepared.layout.project_dir = project;
    auto& request = prepared.request;
    request.python = python.path;
    request.python_reason = config::describe_source(python.source);
    request.python_from_path = python.source == "PATH";
    request.project_dir = project;
    request.module = entry.module;
    request.function = entry.function;
    request.src_roots = prepared.layout.src_roots;
    request.runs =
        flags.runs > 0 ? flags.runs : profile_flags.default_runs.value_or(config.runs.value_or(10));
    double timeout = flags.timeout > 0 ? flags.timeout : config.timeout_seconds.value_or(120.0);
    request.timeout = std::chrono::milliseconds(static_cast<int64_t>(timeout * 1000));
    prepared.environment = {python.path.string(),     python.source, "", "",
                            capture::profile_flags(), platform()};
    prepared.settings = {entry_text, request.runs, src};
    prepared.output = project / ".lmms" / profile_flags.output_name;
    // Checked before the runs, created only when the profile is written.
    LMMS_TRY_VOID(base::check_writable_directory(prepared.output.parent_path()));
    prepared.sources = LMMS_TRY(fingerprint_sources(setup));
    return prepared;
}

capture::Progress progress_for(Context& context, const std::string& entry) {
    if (!context.err_is_terminal)
        return [](std::string_view, int, int) {};
    return [&context, entry](std::string_view what, int index, int total) {
        context.err << fmt::format("\r\033[Kprofiling {}: {} {}/{}", entry, what, index, total) << std::flush;
    };
}

struct Measured {
    model::Profile profile;
    fs::path project;
};

Expected<Measured> profile(const ProfileFlags& flags, Context& context) {
    Prepared prepared = LMMS_TRY(prepare(flags));
    base::PosixProcessRunner runner;
    auto captures =
        capture::capture_profile(prepared.request, runner, progress_for(context, prepared.settings.entry));
    if (context.err_is_terminal)
        context.err << "\r\033[K" << std::flush;
    if (!captures)
        return tl::unexpected(captures.error());
    model::Profile profile = capture::build_profile(*captures, prepared.layout);
    capture::attach_statements(profile, prepared.layout.project_dir);
    capture::attach_module_code(profile, captures->warmup.report.statements, prepared.layout);
    profile.lmms_version = LMMS_VERSION;
    profile.created = now_iso8601();
    profile.environment = prepared.environment;
    profile.environment.python_version = captures->warmup.report.python_version;
    profile.environment.implementation = captures->warmup.report.implementation;
    profile.settings = prepared.settings;
    profile.sources = std::move(prepared.sources);
    profile.has_sources = true;
    if (config::is_wrapper_script(prepared.request.python))
        profile.diagnostics.push_back(fmt::format(
            "the interpreter {} ({}) is a script that starts another (a pyenv or asdf shim?): its start-up "
            "is in every cold start; pass --python with the real interpreter or the project's environment",
            prepared.request.python.string(), prepared.request.python_reason));
    profile.lmms_peak_rss_kb = base::own_peak_rss_kb();
    LMMS_TRY_VOID(base::ensure_writable_directory(prepared.output.parent_path()));
    LMMS_TRY_VOID(base::write_file_atomic(prepared.output, model::profile_to_json(profile)));
    return Measured{std::move(profile), prepared.layout.project_dir};
}

int run_measurement(CLI::App& app, ProfileFlags& flags, Context& context) {
    if (auto stop = parse_options(app, context))
        return *stop;
    auto result = profile(flags, context);
    if (!result)
        return report_error(result.error(), context.err);
    const model::Profile& measured = result->profile;
    if (flags.shared.format == "json")
        context.out << model::profile_to_json(measured);
    else
        context.out << report::profile_to_text(measured, {flags.top, flags.tree, flags.min_ms});
    if (flags.output_name != "profile.json" && flags.shared.format != "json")
        context.out << fmt::format("\nbaseline: {} runs written to .lmms/{}\n", measured.runs.size(),
                                   flags.output_name);
    context.out.flush();
    if (measured.bytecode && measured.bytecode->compiled_modules > 0) {
        std::string cost = measured.compile
                               ? fmt::format(
                                     " (compiling the entry's {} modules took {} ms in the "
                                     "warm-up)",
                                     measured.compile->modules, base::format_ms(measured.compile->us))
                               : "";
        context.err << "warning: bytecode " << report::bytecode_caches_text(*measured.bytecode)
                    << "\n  every run compiled them" << cost
                    << ", so the cold start measured is slower than with caches\n";
    }
    std::string kind = flags.output_name == "profile.json" ? "profile" : "baseline";
    record_history(result->project, model::recording_of(measured, kind), ".lmms/" + flags.output_name,
                   context);
    return k_exit_ok;
}

}  // namespace

int run_profile(Context& context) {
    CLI::App app{
        "Measure the entry's cold start and every import's cost.\n"
        "Runs the entry once to warm up (recording the import graph), then N times in fresh\n"
        "interpreters under -X importtime; writes .lmms/profile.json.",
        "lmms profile"};
    ProfileFlags flags;
    add_flags(app, flags);
    return run_measurement(app, flags, context);
}

int run_baseline(Context& context) {
    CLI::App app{
        "Record the cold-start baseline that `lmms compare` measures against: like lmms profile,\n"
        "20 fresh-interpreter runs by default, every sample kept with the environment, the\n"
        "per-module costs and the project's import sites; writes .lmms/baseline.json.",
        "lmms baseline"};
    ProfileFlags flags;
    flags.output_name = "baseline.json";
    flags.default_runs = 20;
    add_flags(app, flags);
    return run_measurement(app, flags, context);
}

}  // namespace lmms::cli

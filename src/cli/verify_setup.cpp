// The flags and options `lmms verify` and `lmms fix --verify` share.

#include "cli/verify_setup.hpp"

#include <ostream>

#include <fmt/format.h>

#include "base/files.hpp"
#include "cli/entry.hpp"
#include "cli/plan_setup.hpp"
#include "cli/project_setup.hpp"
#include "model/usage_json.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

void add_verify_flags(CLI::App& app, VerifyFlags& flags, VerifyFlagSet set) {
    if (set == VerifyFlagSet::all)
        app.add_option("--against", flags.against,
                       "git revision to compare with (default: the snapshot lmms fix kept in .lmms/fix/)");
    app.add_option("--mask", flags.masks,
                   "regular expression whose matches are ignored in every compared text (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--mask-json", flags.json_masks,
                   "dotted path into the returned JSON to ignore, e.g. body.request_id (repeatable)")
        ->allow_extra_args(false);
    app.add_flag("--no-profile", flags.no_profile, "compare behaviour only: do not profile the two trees");
    app.add_option("--events", flags.events,
                   "JSON Lines events for the handler (default: what lmms usage ran)");
    app.add_option("--commands", flags.commands, "file of command lines (default: what lmms usage ran)");
    app.add_option("--kind-key", flags.kind_key, "event field naming its kind (config: kind-key)");
    SharedDefaults defaults;
    defaults.runs = "config: runs; default 10; rounds of each tree, alternating";
    defaults.timeout = "seconds for each tree's events run or command, and each profile run";
    // lmms fix has its own --project and output; its --verify takes the rest.
    SharedOption which = set == VerifyFlagSet::all ? k_entry_options | SharedOption::format
                                                   : SharedOption::python | SharedOption::entry |
                                                         SharedOption::runs | SharedOption::timeout;
    add_shared_options(app, flags.shared, which, defaults);
}

namespace {

/// Where the workload comes from: the flags, else what .lmms/usage.json ran, else the configuration.
struct WorkloadSource {
    std::string kind;
    std::string file;
    std::string entry;
};

Expected<WorkloadSource> workload_source(const VerifyFlags& flags, const ProjectSetup& setup) {
    if (!flags.events.empty() && !flags.commands.empty())
        return make_error("give --events or --commands, not both");
    std::string entry = !flags.shared.entry.empty() ? flags.shared.entry : setup.config.entry.value_or("");
    if (!flags.events.empty())
        return WorkloadSource{"events", flags.events, entry};
    if (!flags.commands.empty())
        return WorkloadSource{"commands", flags.commands, entry};
    fs::path usage_path = setup.project / ".lmms" / "usage.json";
    std::error_code code;
    if (fs::exists(usage_path, code)) {
        std::string text = LMMS_TRY(base::read_file(usage_path));
        model::Usage usage = LMMS_TRY(model::usage_from_json(text, ".lmms/usage.json"));
        return WorkloadSource{usage.workload, usage.workload_file,
                              !flags.shared.entry.empty() ? flags.shared.entry : usage.entry};
    }
    if (setup.config.events)
        return WorkloadSource{"events", *setup.config.events, entry};
    if (setup.config.commands)
        return WorkloadSource{"commands", *setup.config.commands, entry};
    return make_error(
        "no workload: run lmms usage, pass --events FILE or --commands FILE, or set `events` or `commands` "
        "under [tool.lmms]");
}

Expected<verify::Workload> load_workload(const WorkloadSource& source, const VerifyFlags& flags,
                                         const ProjectSetup& setup) {
    verify::Workload workload;
    workload.kind = source.kind;
    workload.file = source.file;
    fs::path absolute = fs::absolute(setup.project / source.file);
    std::string text = LMMS_TRY(base::read_file(absolute));
    if (source.kind == "commands") {
        workload.commands = LMMS_TRY(capture::parse_commands(text, source.file));
        return workload;
    }
    if (source.entry.empty())
        return make_error("no handler for the events: pass --entry MODULE:FUNCTION or set `entry`");
    Entry entry = LMMS_TRY(parse_entry(source.entry));
    if (entry.function.empty())
        return make_error(
            fmt::format("the entry `{}` names no handler function (MODULE:FUNCTION)", source.entry));
    std::string kind_key = !flags.kind_key.empty() ? flags.kind_key : setup.config.kind_key.value_or("");
    workload.events = LMMS_TRY(capture::parse_events(text, source.file, kind_key));
    workload.events_file = absolute;
    workload.module = entry.module;
    workload.function = entry.function;
    return workload;
}

/// What `lmms plan` predicts from the project's captures, with the reference tree as the source they
/// measured.
Expected<model::Prediction> predict(const fs::path& project, const fs::path& reference_tree) {
    PlanFlags flags;
    flags.project = reference_tree.string();
    flags.profile = (project / ".lmms" / "profile.json").string();
    flags.usage = (project / ".lmms" / "usage.json").string();
    flags.allow_failures = true;
    std::error_code code;
    if (!fs::exists(flags.usage, code))
        flags.usage.clear();
    if (!fs::exists(flags.profile, code))
        return make_error("no .lmms/profile.json: run lmms profile before the change");
    PlanContext context = LMMS_TRY(make_plan_context(flags));
    const policy::PlanSummary& summary = context.plan.summary;
    return model::Prediction{summary.measured_ms, summary.predicted_ms, summary.improvement};
}

std::chrono::milliseconds seconds(double value) {
    return std::chrono::milliseconds(static_cast<int64_t>(value * 1000));
}

}  // namespace

Expected<verify::VerifyOptions> verify_options(const VerifyFlags& flags) {
    const SharedFlags& shared = flags.shared;
    ProjectSetup setup = LMMS_TRY(setup_project(shared.project, shared.python));
    verify::VerifyOptions options;
    options.project = setup.project;
    options.python = setup.python.path;
    options.src = setup.relative_roots();
    WorkloadSource source = LMMS_TRY(workload_source(flags, setup));
    options.workload = LMMS_TRY(load_workload(source, flags, setup));
    options.against = flags.against;
    options.masks = {flags.masks, flags.json_masks};
    options.profiling = flags.no_profile ? verify::Profiling::skip : verify::Profiling::measure;
    options.profile_entry = !shared.entry.empty() ? shared.entry : setup.config.entry.value_or("");
    options.runs = shared.runs > 0 ? shared.runs : setup.config.runs.value_or(10);
    options.replay_timeout = seconds(shared.timeout > 0 ? shared.timeout : 600.0);
    options.profile_timeout =
        seconds(shared.timeout > 0 ? shared.timeout : setup.config.timeout_seconds.value_or(120.0));
    fs::path project = setup.project;
    options.predict = [project](const fs::path& reference_tree) { return predict(project, reference_tree); };
    return options;
}

verify::VerifyProgress progress_for(Context& context) {
    if (!context.err_is_terminal)
        return [](const std::string&, const std::string&, size_t, size_t) {};
    return [&context](const std::string& stage, const std::string& what, size_t index, size_t total) {
        context.err << fmt::format("\r\033[Kverify: {} {}/{} {}", stage, index, total, what.substr(0, 50))
                    << std::flush;
    };
}

}  // namespace lmms::cli

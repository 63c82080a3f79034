// `lmms compare`: measure the current code as `lmms profile` does, with as
// many runs as the baseline, and compare: exit 1 on a regression.

#include <ostream>

#include <fmt/format.h>

#include "base/files.hpp"
#include "cli/cli.hpp"
#include "cli/entry.hpp"
#include "cli/options.hpp"
#include "cli/plan_setup.hpp"
#include "cli/project_setup.hpp"
#include "cli/recording.hpp"
#include "model/profile_json.hpp"
#include "policy/compare.hpp"
#include "python/project_files.hpp"
#include "report/compare_report.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

namespace {

/// The fast path's module, by the rule lmms plan uses; the entry's file is the profile's.
std::string fast_path_module(const ProjectSetup& setup, const model::Profile& current) {
    std::string entry_file;
    if (auto entry = parse_entry(current.settings.entry))
        for (const model::Module& module : current.modules)
            if (module.name == entry->module && module.is_project) {
                entry_file = module.file;
                break;
            }
    return python::module_for_path(fast_path_file("", setup.config, entry_file), setup.relative_roots());
}

/// lmms profile's arguments: what the baseline measured (entry, interpreter, runs) unless told otherwise.
std::vector<std::string> measurement_args(const SharedFlags& flags, const ProjectSetup& setup,
                                          const model::Profile& baseline) {
    SharedFlags measured = flags;
    measured.project = setup.project.string();
    measured.format = "json";
    if (measured.runs <= 0)
        measured.runs = static_cast<int>(baseline.runs.size());
    if (measured.entry.empty())
        measured.entry = baseline.settings.entry;
    std::error_code ec;
    // The baseline's interpreter when it still exists; else found as usual, and a
    // different one stops the comparison below.
    if (measured.python.empty() && fs::exists(baseline.environment.python, ec))
        measured.python = baseline.environment.python;
    return shared_arguments(measured, k_entry_options | SharedOption::format);
}

}  // namespace

int run_compare(Context& context) {
    CLI::App app{
        "Measure the current code as lmms profile does and compare it with .lmms/baseline.json.\n"
        "A regression is a median above the baseline's by more than the tolerance and significant\n"
        "(one-sided Mann-Whitney U, p < 0.01): exit 1.",
        "lmms compare"};
    SharedFlags flags;
    double tolerance = -1;
    bool allow_env_change = false;
    bool raw = false;
    SharedDefaults defaults;
    defaults.entry = "MODULE[:FUNCTION] to import (default: the baseline's entry)";
    defaults.runs = "default: as many as the baseline";
    defaults.formats = {"text", "json", "github", "sarif"};
    defaults.format_help = "text, json, github (workflow annotations) or sarif (2.1.0)";
    add_shared_options(app, flags, k_entry_options | SharedOption::format, defaults);
    app.add_option("--tolerance", tolerance,
                   "percent above the baseline's median before a rise counts (config: tolerance; default 10)")
        ->check(CLI::Range(0.0, 1000.0));
    app.add_flag("--allow-env-change", allow_env_change,
                 "compare even if the interpreter differs from the baseline's");
    app.add_flag(
        "--raw", raw,
        "compare the cold starts as measured, not corrected for the machine's speed (from the modules "
        "outside the project both sides import)");
    if (auto stop = parse_options(app, context))
        return *stop;
    auto setup = setup_project(flags.project, flags.python, false);
    if (!setup)
        return report_error(setup.error(), context.err);
    fs::path baseline_path = setup->project / ".lmms" / "baseline.json";
    std::error_code ec;
    if (!fs::exists(baseline_path, ec))
        return report_error(
            Error{"no baseline: run `lmms baseline` first", ".lmms/baseline.json", {}, ErrorKind::input},
            context.err);
    auto baseline_text = base::read_file(baseline_path);
    if (!baseline_text)
        return report_error(baseline_text.error(), context.err);
    auto baseline = model::profile_from_json(*baseline_text, ".lmms/baseline.json");
    if (!baseline)
        return report_error(baseline.error(), context.err);

    std::vector<std::string> args = measurement_args(flags, *setup, *baseline);
    std::string measured;
    // The measurement goes into the history once, as this compare's.
    bool record = context.record_history;
    context.record_history = false;
    int measured_code = run_captured(run_profile, args, context, measured);
    context.record_history = record;
    if (measured_code != k_exit_ok)
        return measured_code;
    auto current = model::profile_from_json(measured, ".lmms/profile.json");
    if (!current)
        return report_error(current.error(), context.err);
    std::string difference = policy::environment_difference(*baseline, *current);
    if (!difference.empty() && !allow_env_change)
        return report_error(Error{fmt::format("the environment differs from the baseline's: {}", difference),
                                  ".lmms/baseline.json",
                                  "run `lmms baseline` again in this environment, or pass --allow-env-change",
                                  ErrorKind::input},
                            context.err);
    policy::CompareOptions options;
    options.speed_correction = !raw;
    options.tolerance = config::tolerance_fraction(tolerance, setup->config);
    policy::Comparison comparison = policy::compare_profiles(*baseline, *current, options);
    comparison.targets = policy::check_targets(comparison, *current, setup->config.targets,
                                               fast_path_module(*setup, *current));
    const std::string& format = flags.format;
    if (format == "json")
        context.out << report::compare_to_json(comparison);
    else if (format == "github")
        context.out << report::compare_to_github(comparison);
    else if (format == "sarif")
        context.out << report::compare_to_sarif(comparison);
    else
        context.out << report::compare_to_text(comparison, *baseline, *current);
    context.out.flush();
    model::Recording recording = model::recording_of(*current, "compare");
    recording.change = comparison.change;
    recording.regression = comparison.regression;
    record_history(setup->project, std::move(recording), ".lmms/profile.json", context);
    return comparison.regression ? k_exit_findings : k_exit_ok;
}

}  // namespace lmms::cli

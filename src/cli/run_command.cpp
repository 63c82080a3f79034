// `lmms run`: the whole pipeline for the common case: profile, usage when a
// workload is configured, then the plan, with a short summary at the end.

#include <ostream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "cli/plan_setup.hpp"
#include "cli/project_setup.hpp"
#include "report/plan_report.hpp"

namespace lmms::cli {

int run_run(Context& context) {
    CLI::App app{
        "Run the whole pipeline: lmms profile, lmms usage (when `events` or `commands` is\n"
        "configured), then lmms plan; prints the plan and a short summary.",
        "lmms run"};
    SharedFlags flags;
    SharedDefaults defaults;
    defaults.runs = "of the profile; config: runs; default 10";
    defaults.timeout =
        "seconds per profile run, and for the usage workload (config: timeout; defaults 120 and 600)";
    defaults.entry = "MODULE[:FUNCTION] to profile, and the handler for the events (config: entry)";
    add_shared_options(app, flags, k_entry_options, defaults);
    bool allow_failures = false;
    app.add_flag("--allow-failures", allow_failures,
                 "go on when invocations of the workload fail (lmms usage and plan --allow-failures)");
    if (auto stop = parse_options(app, context))
        return *stop;
    auto setup = setup_project(flags.project, flags.python, false);
    if (!setup)
        return report_error(setup.error(), context.err);
    std::vector<std::string> common{"--project", setup->project.string()};
    for (std::string& arg :
         shared_arguments(flags, SharedOption::python | SharedOption::entry | SharedOption::timeout))
        common.push_back(std::move(arg));

    std::string report;
    std::vector<std::string> profile_args = common;
    for (std::string& arg : shared_arguments(flags, SharedOption::runs))
        profile_args.push_back(std::move(arg));
    context.err << "lmms run: profile\n";
    if (int code = run_captured(run_profile, profile_args, context, report); code != k_exit_ok)
        return code;

    bool workload = setup->config.events || setup->config.commands;
    std::string usage_line = "usage: skipped (no workload: set `events` or `commands` under [tool.lmms])";
    if (workload) {
        context.err << "lmms run: usage\n";
        std::vector<std::string> usage_args = common;
        if (allow_failures)
            usage_args.push_back("--allow-failures");
        if (int code = run_captured(run_usage, usage_args, context, report); code != k_exit_ok)
            return code;
        usage_line = "usage: .lmms/usage.json";
    }

    PlanFlags plan_flags;
    plan_flags.project = setup->project.string();
    plan_flags.allow_failures = allow_failures;
    auto planned = make_plan_context(plan_flags);
    if (!planned)
        return report_error(planned.error(), context.err);
    const policy::Plan& plan = planned->plan;
    const policy::PlanSummary& s = plan.summary;
    context.out << report::plan_to_text(plan);
    context.out << fmt::format(
        "\nlmms run: done\n  profile: .lmms/profile.json, cold start {:.1f} ms\n  {}\n", s.measured_ms,
        plan.has_usage ? fmt::format("{} ({})", usage_line, plan.usage_workload) : usage_line);
    context.out << fmt::format(
        "  plan: {:.1f} ms -> {:.1f} ms predicted ({:.1f} %, {}); {} lazy, {} into the fast "
        "path, {} unclassified\n",
        s.measured_ms, s.predicted_ms, 100.0 * s.improvement, report::improvement_verdict(s), s.lazy,
        s.fast_path, s.unclassified);
    context.out << "  next: `lmms fastpath` writes " << plan.fast_path_file
                << "; apply the plan, then `lmms profile` measures the result\n";
    return k_exit_ok;
}

}  // namespace lmms::cli

// `lmms plan`: the tier, action, reason and predicted saving of every import
// site, from the stored captures. Runs no Python.

#include <ostream>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "cli/plan_setup.hpp"
#include "report/plan_report.hpp"

namespace lmms::cli {

void add_plan_flags(CLI::App& app, PlanFlags& flags) {
    app.add_option("--project", flags.project, "project directory (default: nearest with [tool.lmms])");
    app.add_option("--profile", flags.profile, "profile to read (default: .lmms/profile.json)");
    app.add_option("--usage", flags.usage, "usage to read (default: .lmms/usage.json, when it exists)");
    app.add_option(
        "--fast-path", flags.fast_path,
        "the fast-path file, project-relative (config: fast-path; default: fast_path.py beside the "
        "entry module)");
    app.add_flag("--allow-failures", flags.allow_failures,
                 "plan with a usage capture in which invocations failed");
}

int run_plan(Context& context) {
    CLI::App app{
        "Classify every import site with the tier table and say what to do with it.\n"
        "Reads .lmms/profile.json and .lmms/usage.json and the source; runs no Python.",
        "lmms plan"};
    PlanFlags flags;
    std::string format = "text";
    add_plan_flags(app, flags);
    app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
    if (auto stop = parse_options(app, context))
        return *stop;
    auto planned = make_plan_context(flags);
    if (!planned)
        return report_error(planned.error(), context.err);
    context.out << (format == "json" ? report::plan_to_json(planned->plan)
                                     : report::plan_to_text(planned->plan));
    return k_exit_ok;
}

}  // namespace lmms::cli

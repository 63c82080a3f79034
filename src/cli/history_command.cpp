// `lmms history`: the trend of every measurement the project recorded, and
// slow creep. Exit 1 when the newest trend rose beyond the tolerance.

#include <ostream>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "cli/project_setup.hpp"
#include "policy/trend.hpp"
#include "report/history_report.hpp"
#include "store/history.hpp"

namespace lmms::cli {

int run_history(Context& context) {
    CLI::App app{
        "Show the cold start's trend over every lmms profile, baseline and compare recorded in\n"
        ".lmms/history.sqlite, per entry and interpreter, and flag a rise beyond the tolerance:\n"
        "slow creep when no single recording crossed it, a jump otherwise. Exit 1 when the\n"
        "newest trend rose.",
        "lmms history"};
    std::string project, format = "text";
    double tolerance = -1;
    int last = 0;
    app.add_option("--project", project, "project directory (default: nearest with [tool.lmms])");
    app.add_option("--tolerance", tolerance, "percent rise that counts (config: tolerance; default 10)")
        ->check(CLI::Range(0.0, 1000.0));
    app.add_option("--last", last, "only the newest N recordings of each trend (default: all)")
        ->check(CLI::Range(1, 1'000'000));
    app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
    if (auto stop = parse_options(app, context))
        return *stop;
    auto setup = setup_project(project, "", false);
    if (!setup)
        return report_error(setup.error(), context.err);
    auto recordings =
        store::read_recordings(setup->project / ".lmms" / "history.sqlite", ".lmms/history.sqlite");
    if (!recordings)
        return report_error(recordings.error(), context.err);
    double fraction = config::tolerance_fraction(tolerance, setup->config);
    std::vector<policy::Trend> trends =
        policy::analyse_history(*recordings, fraction, static_cast<size_t>(last));
    if (format == "json")
        context.out << report::history_to_json(trends, fraction);
    else
        context.out << report::history_to_text(trends, recordings->size());
    bool rose = !trends.empty() && (trends.front().kind == policy::TrendKind::creep ||
                                    trends.front().kind == policy::TrendKind::jump);
    return rose ? k_exit_findings : k_exit_ok;
}

}  // namespace lmms::cli

// `lmms compare`: measure the current code as `lmms profile` does, with as
// many runs as the baseline, and compare: exit 1 on a regression.

#include <ostream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/files.hpp"
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "cli/project_setup.hpp"
#include "model/profile_json.hpp"
#include "policy/compare.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

namespace {

using Json = nlohmann::ordered_json;

struct Target {
    std::string name;
    double value = 0;
    double target = 0;
    double excellent = 0;
    std::string unit;
    bool higher_is_better = false;
};

std::vector<Target> targets(const policy::Comparison& c, const model::Profile& current) {
    std::vector<Target> rows;
    rows.push_back({"cold start", c.after_median / 1000.0, 3, 2, "s", false});
    size_t entry_imports = 0;
    for (const model::ImportSite& site : current.sites)
        entry_imports += current.at(site.importer).top_level && current.at(site.importer).is_project ? 1 : 0;
    rows.push_back(
        {"module-level imports of the entry", static_cast<double>(entry_imports), 10, 5, "", false});
    rows.push_back({"improvement over the baseline", -100 * c.change, 40, 60, "%", true});
    return rows;
}

bool met(const Target& t, double bound) {
    return t.higher_is_better ? t.value > bound : t.value < bound;
}

std::string interval_text(const model::Interval& interval) {
    return fmt::format("[{:.1f}, {:.1f}]", interval.low, interval.high);
}

std::string to_text(const policy::Comparison& c, const model::Profile& baseline,
                    const model::Profile& current) {
    std::string out =
        fmt::format("lmms compare  {}  against .lmms/baseline.json ({}, {} runs; now {} runs)\n\n",
                    current.settings.entry, baseline.created, baseline.runs.size(), current.runs.size());
    out += fmt::format("cold start  baseline  median {:.1f} ms  99 % interval {}\n", c.before_median,
                       interval_text(c.before_interval));
    out += fmt::format("            current   median {:.1f} ms  99 % interval {}\n", c.after_median,
                       interval_text(c.after_interval));
    out += fmt::format(
        "            change    {:+.1f} %  ratio 99 % interval [{:.3f}, {:.3f}]  p(slower) = {:.2g}\n",
        100 * c.change, c.ratio_interval.low, c.ratio_interval.high, c.slower.p_value);
    out += fmt::format("verdict: {}\n", c.verdict);
    std::string added, slower;
    for (const policy::ModuleDelta& m : c.modules) {
        std::string where = m.site.empty() ? "(no project import line)" : m.site + "  " + m.statement;
        if (m.added)
            added += fmt::format("  {:<24} {:>9.1f} ms  {}\n", m.module, m.after_ms, where);
        else
            slower += fmt::format("  {:<24} {:>9.1f} -> {:.1f} ms (p = {:.2g})  {}\n", m.module, m.before_ms,
                                  m.after_ms, m.p_value, where);
    }
    if (!added.empty())
        out += "\nnew on the cold path (cumulative import time, and the line that brings it in)\n" + added;
    if (!slower.empty())
        out += "\nslower modules (self time, median)\n" + slower;
    out += "\ntargets (LMMS index, \"Performance Targets\")\n";
    for (const Target& t : targets(c, current)) {
        const char* mark = met(t, t.excellent) ? "excellent" : met(t, t.target) ? "met" : "missed";
        std::string op = t.higher_is_better ? ">" : "<";
        out += fmt::format("  {:<34} {:>9.2f}{:<2} target {} {:g}{}, excellent {} {:g}{}: {}\n", t.name,
                           t.value, t.unit, op, t.target, t.unit, op, t.excellent, t.unit, mark);
    }
    return out;
}

std::string to_json(const policy::Comparison& c, const model::Profile& current) {
    Json json;
    json["schema_version"] = policy::k_compare_schema_version;
    json["method"] = c.method;
    json["tolerance"] = c.options.tolerance;
    json["alpha"] = c.options.alpha;
    json["confidence"] = c.options.confidence;
    json["baseline"] = {{"median_ms", c.before_median},
                        {"interval_ms", {c.before_interval.low, c.before_interval.high}},
                        {"samples_ms", c.before_ms}};
    json["current"] = {{"median_ms", c.after_median},
                       {"interval_ms", {c.after_interval.low, c.after_interval.high}},
                       {"samples_ms", c.after_ms}};
    json["change"] = c.change;
    json["ratio_interval"] = {c.ratio_interval.low, c.ratio_interval.high};
    json["p_slower"] = c.slower.p_value;
    json["p_faster"] = c.faster.p_value;
    json["exact"] = c.slower.exact;
    json["regression"] = c.regression;
    json["improvement"] = c.improvement;
    json["verdict"] = c.verdict;
    json["modules"] = Json::array();
    for (const policy::ModuleDelta& m : c.modules)
        json["modules"].push_back({{"module", m.module},
                                   {"added", m.added},
                                   {"before_ms", m.before_ms},
                                   {"after_ms", m.after_ms},
                                   {"p_value", m.p_value},
                                   {"site", m.site.empty() ? Json(nullptr) : Json(m.site)},
                                   {"statement", m.statement}});
    json["targets"] = Json::array();
    for (const Target& t : targets(c, current))
        json["targets"].push_back({{"name", t.name},
                                   {"value", t.value},
                                   {"unit", t.unit},
                                   {"target", t.target},
                                   {"excellent", t.excellent},
                                   {"met", met(t, t.target)},
                                   {"excellent_met", met(t, t.excellent)}});
    return json.dump(1) + "\n";
}

}  // namespace

int run_compare(Context& context) {
    CLI::App app{
        "Measure the current code as lmms profile does and compare it with .lmms/baseline.json.\n"
        "A regression is a median above the baseline's by more than the tolerance and significant\n"
        "(one-sided Mann-Whitney U, p < 0.01): exit 1.",
        "lmms compare"};
    std::string project, python, format = "text";
    double tolerance = 10;
    int runs = 0;
    bool allow_env_change = false;
    app.add_option("--project", project, "project directory (default: nearest with [tool.lmms])");
    app.add_option("--python", python, "interpreter (config: python; else $VIRTUAL_ENV, ./.venv, python3)");
    app.add_option("--tolerance", tolerance,
                   "percent above the baseline's median before a rise counts (default 10)")
        ->check(CLI::Range(0.0, 1000.0));
    app.add_option("--runs", runs, "fresh-interpreter runs (default: as many as the baseline)")
        ->check(CLI::Range(1, 10'000));
    app.add_flag("--allow-env-change", allow_env_change,
                 "compare even if the interpreter differs from the baseline's");
    app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
    if (auto stop = parse_options(app, context))
        return *stop;
    auto setup = setup_project(project, python, false);
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

    std::vector<std::string> args{
        "--project", setup->project.string(),
        "--format",  "json",
        "--runs",    std::to_string(runs > 0 ? runs : static_cast<int>(baseline->runs.size()))};
    if (!python.empty())
        args.insert(args.end(), {"--python", python});
    std::ostringstream measured;
    Context inner{args, measured, context.err, context.err_is_terminal};
    if (int code = run_profile(inner); code != k_exit_ok)
        return code;
    auto current = model::profile_from_json(measured.str(), ".lmms/profile.json");
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
    options.tolerance = tolerance / 100.0;
    policy::Comparison comparison = policy::compare_profiles(*baseline, *current, options);
    context.out << (format == "json" ? to_json(comparison, *current)
                                     : to_text(comparison, *baseline, *current));
    return comparison.regression ? k_exit_findings : k_exit_ok;
}

}  // namespace lmms::cli

#include "policy/compare.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace lmms::policy {

namespace {

std::vector<double> run_totals_ms(const model::Profile& profile) {
    std::vector<double> values;
    for (const model::Run& run : profile.runs)
        values.push_back(static_cast<double>(run.total_us) / 1000.0);
    return values;
}

std::vector<double> to_ms(const std::vector<int64_t>& samples) {
    std::vector<double> values;
    values.reserve(samples.size());
    for (int64_t sample : samples)
        values.push_back(static_cast<double>(sample) / 1000.0);
    return values;
}

/// The project's import line that started the module's chain, if any.
std::pair<std::string, std::string> site_of(const model::Profile& profile, const model::Module& module) {
    if (!module.first_project_site)
        return {};
    const model::ImportSite& site = profile.at(*module.first_project_site);
    return {model::location(site), site.statement};
}

/// Per run, the self time of the modules both sides import in every run that
/// are not the project's (ms); empty when a side has no runs.
std::pair<std::vector<double>, std::vector<double>> control_totals(const model::Profile& baseline,
                                                                   const model::Profile& current,
                                                                   size_t& modules) {
    auto in_every_run = [](const model::Profile& profile, const model::Module& m) {
        return !m.is_project && m.self_samples.size() == profile.runs.size();
    };
    std::map<std::string, const model::Module*> before;
    for (const model::Module& m : baseline.modules)
        if (in_every_run(baseline, m))
            before.emplace(m.name, &m);
    std::vector<double> a(baseline.runs.size(), 0), b(current.runs.size(), 0);
    modules = 0;
    for (const model::Module& m : current.modules) {
        auto it = before.find(m.name);
        if (it == before.end() || !in_every_run(current, m))
            continue;
        ++modules;
        for (size_t i = 0; i < a.size(); ++i)
            a[i] += static_cast<double>(it->second->self_samples[i]) / 1000.0;
        for (size_t i = 0; i < b.size(); ++i)
            b[i] += static_cast<double>(m.self_samples[i]) / 1000.0;
    }
    return {a, b};
}

SpeedCorrection correct_for_speed(const model::Profile& baseline, const model::Profile& current,
                                  std::vector<double>& before, std::vector<double>& after) {
    SpeedCorrection speed;
    auto [control_before, control_after] = control_totals(baseline, current, speed.modules);
    speed.before_ms = model::median(control_before);
    speed.after_ms = model::median(control_after);
    speed.factor = speed.before_ms > 0 ? speed.after_ms / speed.before_ms : 1;
    if (!environment_difference(baseline, current).empty()) {
        speed.reason = "the environments differ: the modules outside the project may not be the same files";
        return speed;
    }
    double share = model::median(before) > 0 ? speed.before_ms / model::median(before) : 0;
    if (speed.modules == 0 || share < k_min_control_share) {
        speed.reason = control_too_small(share);
        return speed;
    }
    for (size_t i = 0; i < before.size(); ++i)
        if (control_before[i] > 0)
            before[i] *= speed.before_ms / control_before[i];
    for (size_t i = 0; i < after.size(); ++i)
        if (control_after[i] > 0)
            after[i] *= speed.before_ms / control_after[i];
    speed.applied = true;
    return speed;
}

}  // namespace

std::string control_too_small(double share) {
    return fmt::format(
        "the modules outside the project take {:.1f} % of the cold start, under the {:.0f} % it "
        "takes to tell the machine's speed",
        100 * share, 100 * k_min_control_share);
}

std::vector<TargetRow> check_targets(const Comparison& c, const model::Profile& current,
                                     const config::Targets& targets, const std::string& fast_path_module) {
    std::vector<TargetRow> rows;
    rows.push_back({"cold start", c.raw_after_median, "ms", targets.cold_start_ms,
                    targets.cold_start_excellent_ms, false, "median of the current runs"});

    TargetRow hot{
        "fast-path imports", {}, "ms", targets.fast_path_ms, targets.fast_path_excellent_ms, false, {}};
    auto fast_path = std::find_if(current.modules.begin(), current.modules.end(),
                                  [&](const model::Module& m) { return m.name == fast_path_module; });
    if (fast_path != current.modules.end()) {
        hot.value = fast_path->cumulative.median / 1000.0;
        hot.note = fmt::format("{}, cumulative import time", fast_path_module);
    } else {
        hot.value = current.cold_start.imports_us / 1000.0;
        hot.note = fmt::format("{} is not on the cold path: every import from outside the project",
                               fast_path_module);
    }
    rows.push_back(std::move(hot));

    size_t entry_imports = 0;
    for (const model::ImportSite& site : current.sites) {
        const model::Module& importer = current.at(site.importer);
        entry_imports += importer.top_level && importer.is_project ? 1 : 0;
    }
    rows.push_back({"module-level imports", static_cast<double>(entry_imports), "", targets.module_imports,
                    targets.module_imports_excellent, false,
                    "import statements the entry and its packages run at cold start"});
    rows.push_back({"improvement", -100 * c.change, "%", targets.improvement, targets.improvement_excellent,
                    true, "below the baseline's median"});
    return rows;
}

std::string environment_difference(const model::Profile& baseline, const model::Profile& current) {
    const model::Environment& a = baseline.environment;
    const model::Environment& b = current.environment;
    std::vector<std::string> differences;
    if (a.python != b.python)
        differences.push_back(fmt::format("interpreter {} -> {}", a.python, b.python));
    if (a.python_version != b.python_version)
        differences.push_back(fmt::format("Python {} -> {}", a.python_version, b.python_version));
    if (a.flags != b.flags)
        differences.push_back("interpreter flags");
    if (baseline.settings.entry != current.settings.entry)
        differences.push_back(fmt::format("entry {} -> {}", baseline.settings.entry, current.settings.entry));
    return fmt::format("{}", fmt::join(differences, ", "));
}

Comparison compare_profiles(const model::Profile& baseline, const model::Profile& current,
                            const CompareOptions& options) {
    Comparison result;
    result.options = options;
    result.raw_before_ms = run_totals_ms(baseline);
    result.raw_after_ms = run_totals_ms(current);
    result.raw_before_median = model::median(result.raw_before_ms);
    result.raw_after_median = model::median(result.raw_after_ms);
    result.raw_change =
        result.raw_before_median > 0 ? result.raw_after_median / result.raw_before_median - 1 : 0;
    result.before_ms = result.raw_before_ms;
    result.after_ms = result.raw_after_ms;
    if (options.speed_correction)
        result.speed = correct_for_speed(baseline, current, result.before_ms, result.after_ms);
    else
        result.speed.reason = "turned off (--raw)";
    std::string samples = result.speed.applied
                              ? "the cold-start samples corrected for the machine's speed (each "
                                "run scaled by the self time of the modules outside the project "
                                "that both sides import)"
                              : "the cold-start samples as measured";
    result.method = fmt::format(
        "Mann-Whitney U (one-sided, after > before) on {}; bootstrap percentile interval of the median ratio",
        samples);
    result.before_median = model::median(result.before_ms);
    result.after_median = model::median(result.after_ms);
    result.before_interval = model::median_interval(result.before_ms, options.confidence);
    result.after_interval = model::median_interval(result.after_ms, options.confidence);
    result.ratio_interval = model::ratio_interval(result.before_ms, result.after_ms, options.confidence);
    result.change = result.before_median > 0 ? result.after_median / result.before_median - 1 : 0;
    result.slower = model::mann_whitney_greater(result.before_ms, result.after_ms);
    result.faster = model::mann_whitney_greater(result.after_ms, result.before_ms);
    result.regression = result.change > options.tolerance && result.slower.p_value < options.alpha;
    result.improvement = result.change < 0 && result.faster.p_value < options.alpha;
    if (result.regression)
        result.verdict = fmt::format("regression: {:+.1f} % (over the {:.0f} % tolerance, p = {:.2g})",
                                     100 * result.change, 100 * options.tolerance, result.slower.p_value);
    else if (result.change > options.tolerance)
        result.verdict = fmt::format("no regression: {:+.1f} % but not significant (p = {:.2g} >= {:g})",
                                     100 * result.change, result.slower.p_value, options.alpha);
    else if (result.improvement)
        result.verdict =
            fmt::format("improvement: {:+.1f} % (p = {:.2g})", 100 * result.change, result.faster.p_value);
    else
        result.verdict = fmt::format("no significant change: {:+.1f} % (tolerance {:.0f} %)",
                                     100 * result.change, 100 * options.tolerance);

    std::map<std::string, const model::Module*> before;
    for (const model::Module& module : baseline.modules)
        before.emplace(module.name, &module);
    for (const model::Module& module : current.modules) {
        auto it = before.find(module.name);
        auto [site, statement] = site_of(current, module);
        if (it == before.end()) {
            // New on the cold path: what it brings, counted where its chain starts.
            if (module.first_importer && before.find(current.at(*module.first_importer).name) == before.end())
                continue;  // pulled in by another new module: counted in that one's cumulative time
            ModuleDelta delta;
            delta.module = module.name;
            delta.added = true;
            delta.after_ms = module.cumulative.median / 1000.0;
            delta.site = site;
            delta.statement = statement;
            result.modules.push_back(std::move(delta));
            continue;
        }
        // Slower than the machine is now: corrected like the cold start, with the overall factor.
        double scale = result.speed.applied ? 1 / result.speed.factor : 1;
        std::vector<double> a = to_ms(it->second->self_samples), b = to_ms(module.self_samples);
        for (double& value : b)
            value *= scale;
        double before_ms = it->second->self.median / 1000.0, after_ms = module.self.median / 1000.0 * scale;
        // It must matter: a millisecond and a hundredth of the cold start at least.
        if (after_ms - before_ms < std::max(1.0, k_min_module_delta * result.raw_before_median) ||
            after_ms <= before_ms * (1 + options.tolerance))
            continue;
        model::RankTest test = model::mann_whitney_greater(a, b);
        if (test.p_value >= options.alpha)
            continue;
        result.modules.push_back({module.name, false, before_ms, after_ms, test.p_value, site, statement});
    }
    std::stable_sort(result.modules.begin(), result.modules.end(),
                     [](const ModuleDelta& x, const ModuleDelta& y) {
                         if (x.added != y.added)
                             return x.added;
                         return x.after_ms - x.before_ms > y.after_ms - y.before_ms;
                     });
    return result;
}

}  // namespace lmms::policy

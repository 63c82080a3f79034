#include "policy/trend.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "model/statistics.hpp"
#include "policy/compare.hpp"

namespace lmms::policy {

namespace {

/// Median of the medians [begin, end).
double level(const std::vector<double>& medians, size_t begin, size_t end) {
    return model::median(std::span<const double>(medians).subspan(begin, end - begin));
}

/// Sets the trend's medians and returns each recording's speed scale (1 when
/// not corrected): as lmms compare does run by run, with the modules outside
/// the project that every recording of the trend imports as the control.
std::vector<double> correct_for_speed(Trend& trend) {
    const std::vector<model::Recording>& r = trend.recordings;
    std::vector<double> scales(r.size(), 1.0);
    trend.medians_ms.clear();
    for (const model::Recording& recording : r)
        trend.medians_ms.push_back(recording.median_ms);
    std::map<std::string, size_t> seen;
    for (const model::Recording& recording : r)
        for (const model::ModuleCost& m : recording.modules)
            if (!m.project)
                ++seen[m.module];
    std::vector<double> control(r.size(), 0);
    for (size_t i = 0; i < r.size(); ++i)
        for (const model::ModuleCost& m : r[i].modules)
            if (!m.project && seen[m.module] == r.size())
                control[i] += m.self_ms;
    trend.control_modules = static_cast<size_t>(
        std::count_if(seen.begin(), seen.end(), [&](const auto& entry) { return entry.second == r.size(); }));
    double reference = model::median(control);
    double share = reference / std::max(model::median(trend.medians_ms), 1e-9);
    if (trend.control_modules == 0 || share < k_min_control_share ||
        std::any_of(control.begin(), control.end(), [](double value) { return value <= 0; })) {
        trend.correction =
            "medians as measured: " + control_too_small(share) + " (those every recording imports)";
        return scales;
    }
    for (size_t i = 0; i < r.size(); ++i) {
        scales[i] = reference / control[i];
        trend.medians_ms[i] *= scales[i];
    }
    trend.speed_corrected = true;
    trend.correction = fmt::format(
        "medians corrected for the machine's speed, from the {} module{} outside the project every recording "
        "imports ({:.1f} ms)",
        trend.control_modules, trend.control_modules == 1 ? "" : "s", reference);
    return scales;
}

struct PackageLevel {
    std::vector<double> self_ms;  ///< one per recording of the range (0 when absent)
    std::string site;
};

std::map<std::string, PackageLevel> package_levels(const std::vector<model::Recording>& recordings,
                                                   const std::vector<double>& scales, size_t begin,
                                                   size_t end) {
    std::map<std::string, PackageLevel> levels;
    for (size_t i = begin; i < end; ++i)
        for (const model::PackageCost& package : recordings[i].packages) {
            PackageLevel& level = levels[package.package];
            level.self_ms.resize(i - begin, 0);
            level.self_ms.push_back(package.self_ms * scales[i]);
            if (!package.site.empty())
                level.site = package.site;
        }
    for (auto& [name, level] : levels)
        level.self_ms.resize(end - begin, 0);
    return levels;
}

std::vector<PackageGrowth> packages_that_grew(const std::vector<model::Recording>& recordings,
                                              const std::vector<double>& scales, size_t k, double tolerance) {
    size_t n = recordings.size();
    auto before = package_levels(recordings, scales, 0, k);
    auto after = package_levels(recordings, scales, n - k, n);
    std::vector<PackageGrowth> grew;
    for (const auto& [name, now] : after) {
        auto then = before.find(name);
        double before_ms = then == before.end() ? 0 : model::median(then->second.self_ms);
        double after_ms = model::median(now.self_ms);
        // Noise in a large package is larger than in a small one: it must grow
        // by the tolerance of its own cost too, and by a millisecond at least.
        if (after_ms - before_ms < 1.0 || after_ms <= before_ms * (1 + tolerance))
            continue;
        grew.push_back({name, before_ms, after_ms, then == before.end(), now.site});
    }
    std::stable_sort(grew.begin(), grew.end(), [](const PackageGrowth& a, const PackageGrowth& b) {
        return a.after_ms - a.before_ms > b.after_ms - b.before_ms;
    });
    return grew;
}

std::string commit_of(const model::Recording& r) {
    std::string commit = model::short_commit(r);
    return commit.empty() ? fmt::format("recording {}", r.id) : commit;
}

void judge(Trend& trend, double tolerance) {
    const std::vector<model::Recording>& r = trend.recordings;
    size_t n = r.size();
    std::vector<double> scales = correct_for_speed(trend);
    const std::vector<double>& medians = trend.medians_ms;
    if (n < 2 * k_min_level_recordings) {
        trend.kind = TrendKind::too_few;
        trend.verdict =
            fmt::format("no trend yet: it takes {} recordings ({} so far)", 2 * k_min_level_recordings, n);
        return;
    }
    size_t k = std::clamp<size_t>(n / 3, k_min_level_recordings, k_level_recordings);
    trend.level_size = k;
    trend.first_level_ms = level(medians, 0, k);
    trend.last_level_ms = level(medians, n - k, n);
    trend.rise = trend.first_level_ms > 0 ? trend.last_level_ms / trend.first_level_ms - 1 : 0;
    for (size_t i = 1; i < n; ++i) {
        double before = level(medians, i >= k ? i - k : 0, i);
        double step = before > 0 ? medians[i] / before - 1 : 0;
        if (step > trend.largest_step) {
            trend.largest_step = step;
            trend.largest_step_at = i;
        }
    }
    std::string span =
        fmt::format("{:.1f} -> {:.1f} ms over {} recordings", trend.first_level_ms, trend.last_level_ms, n);
    if (trend.rise <= tolerance) {
        trend.kind = TrendKind::steady;
        trend.verdict =
            fmt::format("steady: {:+.1f} % ({}; tolerance {:g} %)", 100 * trend.rise, span, 100 * tolerance);
        return;
    }
    trend.grew = packages_that_grew(r, scales, k, tolerance);
    if (trend.largest_step > tolerance) {
        trend.kind = TrendKind::jump;
        trend.verdict = fmt::format(
            "rise: {:+.1f} % ({}); {} alone rose {:+.1f} %, over the {:g} % tolerance", 100 * trend.rise,
            span, commit_of(r[trend.largest_step_at]), 100 * trend.largest_step, 100 * tolerance);
        return;
    }
    trend.kind = TrendKind::creep;
    trend.verdict = fmt::format(
        "slow creep: {:+.1f} % ({}), none of them alone over the {:g} % tolerance (largest {:+.1f} %)",
        100 * trend.rise, span, 100 * tolerance, 100 * trend.largest_step);
}

}  // namespace

std::vector<Trend> analyse_history(const std::vector<model::Recording>& recordings, double tolerance,
                                   size_t last) {
    using Key = std::tuple<std::string, std::string, std::string>;
    std::map<Key, Trend> series;
    std::map<Key, int64_t> newest;
    for (const model::Recording& r : recordings) {
        Key key{r.entry, r.python, r.python_version};
        Trend& trend = series[key];
        trend.entry = r.entry;
        trend.python = r.python;
        trend.python_version = r.python_version;
        trend.recordings.push_back(r);
        newest[key] = std::max(newest[key], r.id);
    }
    std::vector<std::pair<int64_t, Trend>> ordered;
    for (auto& [key, trend] : series) {
        if (last > 0 && trend.recordings.size() > last)
            trend.recordings.erase(trend.recordings.begin(),
                                   trend.recordings.end() - static_cast<std::ptrdiff_t>(last));
        judge(trend, tolerance);
        ordered.emplace_back(newest[key], std::move(trend));
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<Trend> trends;
    trends.reserve(ordered.size());
    for (auto& [id, trend] : ordered)
        trends.push_back(std::move(trend));
    return trends;
}

std::string sparkline(const std::vector<double>& values) {
    static constexpr std::array<std::string_view, 8> k_bars = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    if (values.empty())
        return {};
    auto [low, high] = std::minmax_element(values.begin(), values.end());
    std::string line;
    for (double value : values) {
        size_t bar = *high > *low ? static_cast<size_t>(std::lround((value - *low) / (*high - *low) * 7)) : 3;
        line += k_bars[std::min<size_t>(bar, 7)];
    }
    return line;
}

}  // namespace lmms::policy

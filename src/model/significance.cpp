#include "model/significance.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>
#include <vector>

#include "model/statistics.hpp"

namespace lmms::model {

namespace {

constexpr size_t k_exact_limit = 50;

/// P(U >= u) for sizes (n after, m before) without ties: counts of the
/// arrangements by U, built one sample at a time. Placing the largest value:
/// an "after" one exceeds all m "before" ones, a "before" one adds nothing.
double exact_upper_tail(size_t n, size_t m, double u) {
    // counts[j][k]: arrangements of i "after" and j "before" values with U = k.
    std::vector<std::vector<double>> previous(m + 1), current(m + 1);
    for (size_t j = 0; j <= m; ++j)
        previous[j] = {1.0};  // i = 0: U is 0
    for (size_t i = 1; i <= n; ++i) {
        current[0] = {1.0};
        for (size_t j = 1; j <= m; ++j) {
            std::vector<double>& row = current[j];
            row.assign(i * j + 1, 0.0);
            const std::vector<double>& after_largest = previous[j];  // (i-1, j), shifted by j
            for (size_t k = 0; k < after_largest.size(); ++k)
                row[k + j] += after_largest[k];
            const std::vector<double>& before_largest = current[j - 1];  // (i, j-1)
            for (size_t k = 0; k < before_largest.size(); ++k)
                row[k] += before_largest[k];
        }
        std::swap(previous, current);
    }
    const std::vector<double>& counts = previous[m];
    double total = 0, tail = 0;
    for (size_t k = 0; k < counts.size(); ++k) {
        total += counts[k];
        if (static_cast<double>(k) >= u - 1e-9)
            tail += counts[k];
    }
    return total == 0 ? 1.0 : tail / total;
}

}  // namespace

RankTest mann_whitney_greater(std::span<const double> before, std::span<const double> after) {
    RankTest test;
    size_t m = before.size(), n = after.size();
    if (n == 0 || m == 0)
        return test;
    // Average ranks over the pooled samples; `true` marks an "after" value.
    std::vector<std::pair<double, bool>> pooled;
    pooled.reserve(n + m);
    for (double value : before)
        pooled.emplace_back(value, false);
    for (double value : after)
        pooled.emplace_back(value, true);
    std::sort(pooled.begin(), pooled.end());
    double after_rank_sum = 0, tie_term = 0;
    bool ties = false;
    for (size_t i = 0; i < pooled.size();) {
        size_t j = i;
        while (j + 1 < pooled.size() && pooled[j + 1].first == pooled[i].first)
            ++j;
        double rank = (static_cast<double>(i + j) / 2.0) + 1.0;
        auto t = static_cast<double>(j - i + 1);
        if (t > 1) {
            ties = true;
            tie_term += t * t * t - t;
        }
        for (size_t k = i; k <= j; ++k)
            if (pooled[k].second)
                after_rank_sum += rank;
        i = j + 1;
    }
    auto dn = static_cast<double>(n), dm = static_cast<double>(m);
    test.u = after_rank_sum - dn * (dn + 1) / 2;
    if (!ties && n <= k_exact_limit && m <= k_exact_limit) {
        test.exact = true;
        test.p_value = exact_upper_tail(n, m, test.u);
        return test;
    }
    double total = dn + dm;
    double variance = dn * dm / 12.0 * ((total + 1) - tie_term / (total * (total - 1)));
    if (variance <= 0) {
        test.p_value = 1;
        return test;
    }
    double z = (test.u - dn * dm / 2.0 - 0.5) / std::sqrt(variance);  // continuity correction
    test.p_value = 0.5 * std::erfc(z / std::sqrt(2.0));
    return test;
}

Interval median_interval(std::span<const double> samples, double confidence) {
    if (samples.empty())
        return {};
    std::vector<double> sorted(samples.begin(), samples.end());
    std::sort(sorted.begin(), sorted.end());
    size_t n = sorted.size();
    // The largest k with 2 P(B <= k - 1) <= 1 - confidence, B ~ Binomial(n, 1/2):
    // [x(k), x(n - k + 1)] then covers the median with at least `confidence`.
    double alpha = 1 - confidence;
    double cumulative = 0, term = std::pow(0.5, static_cast<double>(n));  // P(B = 0)
    size_t k = 0;
    for (size_t i = 0; i < n / 2; ++i) {
        cumulative += term;  // P(B <= i)
        if (2 * cumulative > alpha)
            break;
        k = i + 1;
        term = term * static_cast<double>(n - i) / static_cast<double>(i + 1);
    }
    if (k == 0)
        return {sorted.front(), sorted.back()};
    return {sorted[k - 1], sorted[n - k]};
}

Interval ratio_interval(std::span<const double> before, std::span<const double> after, double confidence,
                        int resamples, uint64_t seed) {
    if (before.empty() || after.empty() || resamples <= 0)
        return {};
    std::mt19937_64 random(seed);
    std::vector<double> ratios;
    ratios.reserve(static_cast<size_t>(resamples));
    std::vector<double> a(before.size()), b(after.size());
    for (int r = 0; r < resamples; ++r) {
        for (double& value : a)
            value = before[random() % before.size()];
        for (double& value : b)
            value = after[random() % after.size()];
        double base = median(a);
        if (base > 0)
            ratios.push_back(median(b) / base);
    }
    if (ratios.empty())
        return {};
    double tail = (1 - confidence) / 2;
    return {percentile(ratios, tail), percentile(ratios, 1 - tail)};
}

}  // namespace lmms::model

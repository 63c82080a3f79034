#include "model/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lmms::model {

double percentile(std::span<const double> samples, double fraction) {
    if (samples.empty())
        return 0;
    std::vector<double> sorted(samples.begin(), samples.end());
    std::sort(sorted.begin(), sorted.end());
    double rank = fraction * static_cast<double>(sorted.size() - 1);
    auto below = static_cast<size_t>(std::floor(rank));
    size_t above = std::min(below + 1, sorted.size() - 1);
    double weight = rank - static_cast<double>(below);
    return sorted[below] + (sorted[above] - sorted[below]) * weight;
}

Summary summarize(std::span<const double> samples) {
    return {percentile(samples, 0.5), percentile(samples, 0.95)};
}

double median(std::span<const double> samples) {
    return samples.empty() ? 0 : percentile(samples, 0.5);
}

Summary summarize(std::span<const int64_t> samples) {
    std::vector<double> values(samples.begin(), samples.end());
    return summarize(values);
}

}  // namespace lmms::model

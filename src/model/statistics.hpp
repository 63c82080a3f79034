#pragma once
/// Order statistics over samples. Percentiles interpolate linearly between
/// closest ranks (the default of numpy and of Python's statistics.quantiles
/// with method="inclusive").

#include <cstdint>
#include <span>

namespace lmms::model {

struct Summary {
    double median = 0;
    double p95 = 0;
};

double percentile(std::span<const double> samples, double fraction);
Summary summarize(std::span<const double> samples);
/// 0 for no samples.
double median(std::span<const double> samples);
Summary summarize(std::span<const int64_t> samples);

}  // namespace lmms::model

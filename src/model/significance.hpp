#pragma once
/// Comparing two sets of timing samples (pure): is `after` slower than
/// `before`, and by how much, with intervals that do not assume normality.
/// Timings on shared machines are skewed and heavy-tailed, so the tests here
/// are rank-based or resampling-based.

#include <cstdint>
#include <span>

namespace lmms::model {

/// Mann-Whitney U test of "after tends to be larger than before" (one-sided).
struct RankTest {
    double u = 0;        ///< pairs (after, before) with after > before; ties count one half
    double p_value = 1;  ///< P(U >= u) if both came from one distribution
    bool exact = false;  ///< exact distribution (no ties, at most 50 samples each); else normal approximation
};

RankTest mann_whitney_greater(std::span<const double> before, std::span<const double> after);

struct Interval {
    double low = 0;
    double high = 0;
};

/// Distribution-free interval of the median: the order statistics whose
/// binomial coverage is at least `confidence` (the whole range when the
/// sample is too small for it).
Interval median_interval(std::span<const double> samples, double confidence);

/// Percentile bootstrap interval of median(after) / median(before), from
/// `resamples` resamplings of each side with a fixed seed, so the same
/// samples always give the same interval.
Interval ratio_interval(std::span<const double> before, std::span<const double> after, double confidence,
                        int resamples = 10'000, uint64_t seed = 0x4c4d4d53);

}  // namespace lmms::model

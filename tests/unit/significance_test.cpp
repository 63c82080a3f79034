// The comparison statistics on synthetic samples (no timing).

#include "model/significance.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace lmms::model {

namespace {

/// P(U >= observed) by enumerating every way to split the pooled values.
double brute_force_p(const std::vector<double>& before, const std::vector<double>& after) {
    std::vector<double> pooled(before);
    pooled.insert(pooled.end(), after.begin(), after.end());
    size_t total = pooled.size(), n = after.size();
    auto u_of = [&](const std::vector<bool>& is_after) {
        double u = 0;
        for (size_t a = 0; a < total; ++a)
            for (size_t b = 0; b < total; ++b)
                if (is_after[a] && !is_after[b])
                    u += pooled[a] > pooled[b] ? 1.0 : pooled[a] == pooled[b] ? 0.5 : 0.0;
        return u;
    };
    std::vector<bool> observed(total, false);
    std::fill(observed.begin() + static_cast<std::ptrdiff_t>(before.size()), observed.end(), true);
    double u_observed = u_of(observed);
    std::vector<bool> mask(total, false);
    std::fill(mask.end() - static_cast<std::ptrdiff_t>(n), mask.end(), true);
    double count = 0, at_least = 0;
    do {
        count += 1;
        at_least += u_of(mask) >= u_observed - 1e-9 ? 1 : 0;
    } while (std::next_permutation(mask.begin(), mask.end()));
    return at_least / count;
}

}  // namespace

TEST(Significance, CompleteSeparationOfThreeAgainstThree) {
    std::vector<double> before{1, 2, 3}, after{4, 5, 6};
    RankTest test = mann_whitney_greater(before, after);
    EXPECT_TRUE(test.exact);
    EXPECT_DOUBLE_EQ(test.u, 9);
    EXPECT_NEAR(test.p_value, 1.0 / 20.0, 1e-12);  // one arrangement in C(6, 3)
    RankTest reverse = mann_whitney_greater(after, before);
    EXPECT_DOUBLE_EQ(reverse.u, 0);
    EXPECT_NEAR(reverse.p_value, 1.0, 1e-12);
}

TEST(Significance, ExactTailMatchesEnumerationOnRandomSamples) {
    std::mt19937 random(7);
    std::uniform_real_distribution<double> value(100, 200);
    for (int round = 0; round < 20; ++round) {
        size_t m = 2 + round % 5, n = 2 + (round * 3) % 5;
        std::vector<double> before(m), after(n);
        for (double& v : before)
            v = value(random);
        for (double& v : after)
            v = value(random) + (round % 3) * 20.0;
        RankTest test = mann_whitney_greater(before, after);
        ASSERT_TRUE(test.exact);
        EXPECT_NEAR(test.p_value, brute_force_p(before, after), 1e-12) << "round " << round;
    }
}

TEST(Significance, TiesUseTheNormalApproximationWithTieCorrection) {
    std::vector<double> before, after;
    for (int i = 0; i < 20; ++i) {
        before.push_back(100 + i % 5);  // 100..104, each four times
        after.push_back(103 + i % 5);   // 103..107: overlapping, clearly higher
    }
    RankTest shifted = mann_whitney_greater(before, after);
    EXPECT_FALSE(shifted.exact);
    EXPECT_LT(shifted.p_value, 0.01);
    RankTest same = mann_whitney_greater(before, before);
    EXPECT_GT(same.p_value, 0.4);
    EXPECT_DOUBLE_EQ(same.u, 200);  // half the 400 pairs: all ties or mirrored
}

TEST(Significance, NoiseWithoutAShiftIsRarelySignificant) {
    // 200 pairs of samples of 20 from one skewed distribution: a test at
    // p < 0.01 may fire about twice.
    std::mt19937 random(11);
    std::lognormal_distribution<double> timing(std::log(800.0), 0.08);
    int alarms = 0;
    for (int round = 0; round < 200; ++round) {
        std::vector<double> before(20), after(20);
        for (double& v : before)
            v = timing(random);
        for (double& v : after)
            v = timing(random);
        alarms += mann_whitney_greater(before, after).p_value < 0.01 ? 1 : 0;
    }
    EXPECT_LE(alarms, 6);
}

TEST(Significance, MedianIntervalUsesBinomialOrderStatistics) {
    std::vector<double> samples;
    for (int i = 20; i >= 1; --i)
        samples.push_back(i);
    // n = 20 at 99 %: P(B <= 3) = 0.0013, P(B <= 4) = 0.0059 > 0.005, so [x(4), x(17)].
    Interval interval = median_interval(samples, 0.99);
    EXPECT_DOUBLE_EQ(interval.low, 4);
    EXPECT_DOUBLE_EQ(interval.high, 17);
    // Too few samples for 99 %: the whole range.
    std::vector<double> three{5, 1, 3};
    Interval wide = median_interval(three, 0.99);
    EXPECT_DOUBLE_EQ(wide.low, 1);
    EXPECT_DOUBLE_EQ(wide.high, 5);
}

TEST(Significance, RatioIntervalHoldsTheTrueRatioAndIsReproducible) {
    std::mt19937 random(3);
    std::normal_distribution<double> noise(0, 5);
    std::vector<double> before(20), after(20);
    for (size_t i = 0; i < 20; ++i) {
        before[i] = 1000 + noise(random);
        after[i] = 1150 + noise(random);
    }
    Interval interval = ratio_interval(before, after, 0.99);
    EXPECT_LT(interval.low, 1.15);
    EXPECT_GT(interval.high, 1.15);
    EXPECT_GT(interval.low, 1.12);
    EXPECT_LT(interval.high, 1.18);
    Interval again = ratio_interval(before, after, 0.99);
    EXPECT_DOUBLE_EQ(again.low, interval.low);
    EXPECT_DOUBLE_EQ(again.high, interval.high);
}

}  // namespace lmms::model

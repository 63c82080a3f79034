#include "model/statistics.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace lmms::model {

TEST(Statistics, MedianOfOddAndEvenCounts) {
    std::vector<double> odd{5, 1, 3};
    std::vector<double> even{4, 1, 3, 2};
    EXPECT_DOUBLE_EQ(summarize(odd).median, 3);
    EXPECT_DOUBLE_EQ(summarize(even).median, 2.5);
}

TEST(Statistics, P95InterpolatesBetweenClosestRanks) {
    std::vector<double> samples;
    for (int i = 1; i <= 21; ++i)
        samples.push_back(i);
    // rank 0.95 * 20 = 19 -> the 20th value exactly
    EXPECT_DOUBLE_EQ(percentile(samples, 0.95), 20);
    std::vector<double> ten{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    EXPECT_DOUBLE_EQ(percentile(ten, 0.95), 9.55);
}

TEST(Statistics, EmptyAndSingleSample) {
    std::vector<double> none;
    std::vector<int64_t> one{7};
    EXPECT_DOUBLE_EQ(summarize(none).median, 0);
    EXPECT_DOUBLE_EQ(summarize(one).p95, 7);
}

}  // namespace lmms::model

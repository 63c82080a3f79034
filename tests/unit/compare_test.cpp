// Before/after on synthetic profiles (no timing).

#include "policy/compare.hpp"

#include <gtest/gtest.h>

namespace lmms::policy {

namespace {

model::Profile profile_with(std::vector<int64_t> totals_ms, int64_t module_self_ms) {
    model::Profile profile;
    profile.environment.python = "/usr/bin/python3";
    profile.environment.python_version = "3.11.2";
    profile.settings.entry = "app.main:handler";
    for (int64_t total : totals_ms)
        profile.runs.push_back({total * 1000, 0, 0, 0, 0, 0, 0});
    model::Module module;
    module.name = "heavy";
    for (size_t i = 0; i < totals_ms.size(); ++i)
        module.self_samples.push_back(module_self_ms * 1000 + static_cast<int64_t>(i));
    module.self = model::summarize(module.self_samples);
    module.cumulative = module.self;
    profile.modules.push_back(module);
    return profile;
}

std::vector<int64_t> noisy(int64_t center) {
    std::vector<int64_t> values;
    for (int64_t i = 0; i < 20; ++i)
        values.push_back(center + (i * 7) % 11 - 5);
    return values;
}

}  // namespace

TEST(Compare, ASignificantRiseOverTheToleranceIsARegression) {
    Comparison c = compare_profiles(profile_with(noisy(500), 100), profile_with(noisy(600), 200), {});
    EXPECT_TRUE(c.regression);
    EXPECT_NEAR(c.change, 0.2, 0.01);
    EXPECT_LT(c.slower.p_value, 1e-6);
    EXPECT_LT(c.ratio_interval.low, 1.2 + 1e-9);
    EXPECT_GT(c.ratio_interval.high, 1.19);
    ASSERT_EQ(c.modules.size(), 1u);
    EXPECT_EQ(c.modules.front().module, "heavy");
    EXPECT_FALSE(c.modules.front().added);
}

TEST(Compare, ARiseWithinTheToleranceOrNotSignificantIsNot) {
    Comparison within = compare_profiles(profile_with(noisy(500), 100), profile_with(noisy(530), 100), {});
    EXPECT_FALSE(within.regression);  // +6 %: under 10 %
    // +20 % in the median, but one sample each side: nothing can be significant at 1 %.
    Comparison few = compare_profiles(profile_with({500}, 100), profile_with({600}, 100), {});
    EXPECT_FALSE(few.regression);
    EXPECT_NE(few.verdict.find("not significant"), std::string::npos);
}

TEST(Compare, ModulesNewOnTheColdPathAreNamed) {
    model::Profile before = profile_with(noisy(500), 100);
    model::Profile after = profile_with(noisy(500), 100);
    model::Module pandas;
    pandas.name = "pandas";
    pandas.cumulative = {400'000, 420'000};
    after.modules.push_back(pandas);
    Comparison c = compare_profiles(before, after, {});
    ASSERT_EQ(c.modules.size(), 1u);
    EXPECT_TRUE(c.modules.front().added);
    EXPECT_DOUBLE_EQ(c.modules.front().after_ms, 400);
}

TEST(Compare, EnvironmentDifferencesAreNamed) {
    model::Profile before = profile_with(noisy(500), 100);
    model::Profile after = before;
    EXPECT_EQ(environment_difference(before, after), "");
    after.environment.python_version = "3.12.1";
    EXPECT_EQ(environment_difference(before, after), "Python 3.11.2 -> 3.12.1");
}

}  // namespace lmms::policy

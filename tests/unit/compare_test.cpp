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
    module.is_project = true;  // not a control for the machine's speed
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

TEST(Compare, AModuleSlowerByUnderAHundredthOfTheColdStartIsNotNamed) {
    // heavy: 30 -> 34 ms, significant, over the tolerance of its own cost, but 4 ms of a 500 ms cold start.
    model::Profile before = profile_with(noisy(500), 100);
    model::Profile after = profile_with(noisy(500), 104);
    before.modules[0].self_samples.assign(20, 30'000);
    before.modules[0].self = model::summarize(before.modules[0].self_samples);
    after.modules[0].self_samples.assign(20, 34'000);
    after.modules[0].self = model::summarize(after.modules[0].self_samples);
    EXPECT_TRUE(compare_profiles(before, after, {}).modules.empty());
    after.modules[0].self_samples.assign(20, 36'000);  // +6 ms: named
    after.modules[0].self = model::summarize(after.modules[0].self_samples);
    EXPECT_EQ(compare_profiles(before, after, {}).modules.size(), 1u);
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

namespace {

/// A cold start of `total_ms` per run, `control_ms` of it spent in `lib`, a
/// module outside the project, plus `extra_ms` in a module new on the cold path.
model::Profile profile_at_speed(const std::vector<double>& speeds, double control_ms, double rest_ms,
                                double extra_ms) {
    model::Profile profile;
    profile.environment.python = "/usr/bin/python3";
    profile.environment.python_version = "3.11.2";
    model::Module lib;
    lib.name = "lib";
    model::Module extra;
    extra.name = "extra";
    for (size_t i = 0; i < speeds.size(); ++i) {
        double jitter = 1 + 0.001 * static_cast<double>((i * 7) % 5);
        double total = (control_ms + rest_ms + extra_ms) * speeds[i] * jitter;
        profile.runs.push_back({static_cast<int64_t>(total * 1000), 0, 0, 0, 0, 0, 0});
        lib.self_samples.push_back(static_cast<int64_t>(control_ms * speeds[i] * jitter * 1000));
        extra.self_samples.push_back(static_cast<int64_t>(extra_ms * speeds[i] * jitter * 1000));
    }
    lib.self = model::summarize(lib.self_samples);
    profile.modules.push_back(lib);
    if (extra_ms > 0) {
        extra.self = model::summarize(extra.self_samples);
        extra.cumulative = extra.self;
        profile.modules.push_back(extra);
    }
    return profile;
}

}  // namespace

TEST(Compare, AMachineRunningSlowerIsNotARegression) {
    // Every run 12 % slower, all of it in the machine: +12 % measured, none corrected.
    model::Profile before = profile_at_speed(std::vector<double>(20, 1.0), 600, 200, 0);
    model::Profile after = profile_at_speed(std::vector<double>(20, 1.12), 600, 200, 0);
    Comparison c = compare_profiles(before, after, {});
    EXPECT_TRUE(c.speed.applied) << c.speed.reason;
    EXPECT_EQ(c.speed.modules, 1u);
    EXPECT_NEAR(c.speed.factor, 1.12, 0.001);
    EXPECT_NEAR(c.raw_change, 0.12, 0.002);
    EXPECT_NEAR(c.change, 0, 0.002);
    EXPECT_FALSE(c.regression);
    CompareOptions raw;
    raw.speed_correction = false;
    EXPECT_TRUE(compare_profiles(before, after, raw).regression);  // what an uncorrected gate says
}

TEST(Compare, WhatTheProjectAddsStaysInAfterTheCorrection) {
    // The machine 10 % faster now, and a new module adding 20 % of the cold start.
    model::Profile before = profile_at_speed(std::vector<double>(20, 1.0), 600, 200, 0);
    model::Profile after = profile_at_speed(std::vector<double>(20, 0.9), 600, 200, 160);
    Comparison c = compare_profiles(before, after, {});
    EXPECT_TRUE(c.speed.applied);
    EXPECT_NEAR(c.raw_change, 0.08, 0.003);  // under the tolerance as measured
    EXPECT_NEAR(c.change, 0.20, 0.003);
    EXPECT_TRUE(c.regression);
}

TEST(Compare, NoCorrectionWithoutEnoughOfTheSameModulesOrTheSameEnvironment) {
    model::Profile before = profile_at_speed(std::vector<double>(20, 1.0), 100, 700, 0);
    model::Profile after = profile_at_speed(std::vector<double>(20, 1.0), 100, 700, 0);
    Comparison small = compare_profiles(before, after, {});
    EXPECT_FALSE(small.speed.applied);
    EXPECT_NE(small.speed.reason.find("12.5 % of the cold start"), std::string::npos) << small.speed.reason;
    model::Profile other = profile_at_speed(std::vector<double>(20, 1.0), 600, 200, 0);
    model::Profile moved = other;
    moved.environment.python_version = "3.12.1";
    Comparison differs = compare_profiles(other, moved, {});
    EXPECT_FALSE(differs.speed.applied);
    EXPECT_NE(differs.speed.reason.find("environments differ"), std::string::npos);
}

TEST(Compare, EnvironmentDifferencesAreNamed) {
    model::Profile before = profile_with(noisy(500), 100);
    model::Profile after = before;
    EXPECT_EQ(environment_difference(before, after), "");
    after.environment.python_version = "3.12.1";
    EXPECT_EQ(environment_difference(before, after), "Python 3.11.2 -> 3.12.1");
}

TEST(Compare, TargetsUseTheConfiguredBoundsAndTheFastPathWhenItIsOnTheColdPath) {
    model::Profile before = profile_with(noisy(2500), 100);
    model::Profile after = profile_with(noisy(1000), 100);
    after.cold_start.imports_us = 400'000;
    Comparison c = compare_profiles(before, after, {});
    config::Targets targets;
    targets.cold_start_excellent_ms = 900;
    std::vector<TargetRow> rows = check_targets(c, after, targets, "app.fast_path");
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].name, "cold start");
    EXPECT_TRUE(rows[0].met());             // 1000 ms < 3000 ms
    EXPECT_FALSE(rows[0].excellent_met());  // not < 900 ms
    // No fast path on the cold path: every import from outside the project counts as the hot path's.
    EXPECT_DOUBLE_EQ(*rows[1].value, 400);
    EXPECT_FALSE(rows[1].met());
    EXPECT_NE(rows[1].note.find("app.fast_path is not on the cold path"), std::string::npos);
    EXPECT_NEAR(*rows[3].value, 60, 0.5);  // 2500 -> 1000 ms
    EXPECT_TRUE(rows[3].met());
    EXPECT_TRUE(rows[3].higher_is_better);

    model::Module fast_path;
    fast_path.name = "app.fast_path";
    fast_path.cumulative = {90'000, 95'000};
    after.modules.push_back(fast_path);
    rows = check_targets(c, after, targets, "app.fast_path");
    EXPECT_DOUBLE_EQ(*rows[1].value, 90);
    EXPECT_TRUE(rows[1].excellent_met());
}

}  // namespace lmms::policy

#include "report/compare_report.hpp"

#include <nlohmann/json.hpp>

namespace lmms::policy {

TEST(CompareReport, GithubAnnotatesTheImportLineAndSarifHoldsTheSameResult) {
    Comparison c;
    c.regression = true;
    c.change = 0.5;
    c.slower.p_value = 1e-6;
    c.verdict = "regression";
    ModuleDelta added;
    added.module = "pandas";
    added.added = true;
    added.after_ms = 400;
    added.site = "app/main.py:2";
    added.statement = "import pandas";
    c.modules.push_back(added);
    EXPECT_EQ(
        report::compare_to_github(c),
        "::error file=app/main.py,line=2,title=LMMS301 cold-start regression::pandas is new on the cold path "
        "(+400.0 ms); cold start +50.0 %25 against the baseline (p = 1e-06)\n");  // %25: GitHub's escape for
                                                                                  // %
    auto sarif = nlohmann::json::parse(report::compare_to_sarif(c));
    EXPECT_EQ(sarif["version"], "2.1.0");
    const auto& result = sarif["runs"][0]["results"][0];
    EXPECT_EQ(result["ruleId"], "LMMS301");
    EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "app/main.py");
    EXPECT_EQ(result["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
    c.regression = false;
    c.verdict = "no significant change: +1.0 %";
    EXPECT_EQ(report::compare_to_github(c), "::notice title=lmms compare::no significant change: +1.0 %25\n");
    EXPECT_TRUE(nlohmann::json::parse(report::compare_to_sarif(c))["runs"][0]["results"].empty());
}

}  // namespace lmms::policy

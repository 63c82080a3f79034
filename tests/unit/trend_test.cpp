// The history's trend on synthetic recordings: steady, slow creep, a jump.

#include "policy/trend.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace lmms::policy {

namespace {

/// Recordings of one entry with these cold-start medians; `requests` joins the
/// cold path at recording `requests_from` and costs what it adds.
std::vector<model::Recording> series(const std::vector<double>& medians, size_t requests_from = 1000) {
    std::vector<model::Recording> recordings;
    for (size_t i = 0; i < medians.size(); ++i) {
        model::Recording r;
        r.id = static_cast<int64_t>(i + 1);
        r.entry = "app.handler:handler";
        r.python = "/usr/bin/python3";
        r.python_version = "3.11.2";
        r.git_commit = fmt::format("c{}", i + 1);
        r.median_ms = medians[i];
        r.packages = {{"json", 2, 3, ""}, {"app", 5, 4, ""}};
        if (i >= requests_from)
            r.packages.push_back({"requests", medians[i] - medians[0], 30, "app/handler.py:16"});
        recordings.push_back(r);
    }
    return recordings;
}

}  // namespace

TEST(Trend, NoiseWithinTheToleranceIsSteady) {
    auto trends = analyse_history(series({500, 520, 495, 510, 505, 498, 515, 502, 507}), 0.10, 0);
    ASSERT_EQ(trends.size(), 1u);
    EXPECT_EQ(trends[0].kind, TrendKind::steady);
    EXPECT_EQ(trends[0].level_size, 3u);
    EXPECT_TRUE(trends[0].grew.empty());
}

TEST(Trend, ARiseSpreadOverRecordingsIsSlowCreepNamingWhatGrew) {
    // LMMS-LESS-04: +4 % a recording, +28 % in all; no step crosses 10 %.
    auto trends = analyse_history(series({500, 520, 540, 560, 580, 600, 620, 640}, 1), 0.10, 0);
    ASSERT_EQ(trends.size(), 1u);
    const Trend& t = trends[0];
    EXPECT_EQ(t.kind, TrendKind::creep);
    EXPECT_EQ(t.level_size, 2u);
    EXPECT_DOUBLE_EQ(t.first_level_ms, 510);
    EXPECT_DOUBLE_EQ(t.last_level_ms, 630);
    EXPECT_LT(t.largest_step, 0.10);
    EXPECT_NE(t.verdict.find("slow creep"), std::string::npos) << t.verdict;
    ASSERT_EQ(t.grew.size(), 1u);
    EXPECT_EQ(t.grew[0].package, "requests");
    EXPECT_EQ(t.grew[0].site, "app/handler.py:16");
    EXPECT_DOUBLE_EQ(t.grew[0].after_ms, 130);
}

TEST(Trend, OneRecordingOverTheToleranceIsAJump) {
    auto trends = analyse_history(series({500, 505, 498, 650, 655, 648}, 3), 0.10, 0);
    ASSERT_EQ(trends.size(), 1u);
    EXPECT_EQ(trends[0].kind, TrendKind::jump);
    EXPECT_EQ(trends[0].largest_step_at, 3u);
    EXPECT_NE(trends[0].verdict.find("c4 alone rose"), std::string::npos) << trends[0].verdict;
    ASSERT_FALSE(trends[0].grew.empty());
    EXPECT_TRUE(trends[0].grew[0].added);
}

TEST(Trend, FewRecordingsMakeNoTrendAndLastLimitsTheWindow) {
    // Three recordings: one noisy recording at either end would decide.
    EXPECT_EQ(analyse_history(series({500, 520, 900}), 0.10, 0)[0].kind, TrendKind::too_few);
    // The rise is before the last four: the window sees a steady trend.
    auto trends = analyse_history(series({500, 900, 901, 902, 903}), 0.10, 4);
    EXPECT_EQ(trends[0].recordings.size(), 4u);
    EXPECT_EQ(trends[0].kind, TrendKind::steady);
}

TEST(Trend, EachEntryAndInterpreterIsItsOwnTrendNewestFirst) {
    auto recordings = series({500, 510, 505});
    model::Recording other = recordings[0];
    other.id = 2;
    other.python_version = "3.12.1";
    recordings.insert(recordings.begin() + 1, other);
    recordings[2].id = 3;
    recordings[3].id = 4;
    auto trends = analyse_history(recordings, 0.10, 0);
    ASSERT_EQ(trends.size(), 2u);
    EXPECT_EQ(trends[0].python_version, "3.11.2");
    EXPECT_EQ(trends[0].recordings.size(), 3u);
    EXPECT_EQ(trends[1].python_version, "3.12.1");
}

namespace {

/// Adds `lib`, outside the project, costing `control_ms` times each recording's speed.
void with_control(std::vector<model::Recording>& recordings, const std::vector<double>& speeds,
                  double control_ms) {
    for (size_t i = 0; i < recordings.size(); ++i) {
        recordings[i].modules.push_back({"lib", control_ms * speeds[i], control_ms * speeds[i], "", false});
        recordings[i].modules.push_back({"app.main", 1, 1, "", true});
    }
}

}  // namespace

TEST(Trend, AMachineGettingSlowerIsNotCreep) {
    std::vector<double> speeds = {1.0, 1.04, 1.08, 1.12, 1.16, 1.20, 1.24, 1.28};
    std::vector<double> medians;
    for (double speed : speeds)
        medians.push_back(500 * speed);
    auto recordings = series(medians);
    with_control(recordings, speeds, 400);
    const Trend t = analyse_history(recordings, 0.10, 0)[0];
    EXPECT_TRUE(t.speed_corrected) << t.correction;
    EXPECT_EQ(t.control_modules, 1u);
    EXPECT_EQ(t.kind, TrendKind::steady) << t.verdict;
    EXPECT_NEAR(t.medians_ms.back(), t.medians_ms.front(), 1e-9);  // at the median speed, all alike
    // As measured, the same recordings creep.
    auto raw = series(medians);
    EXPECT_EQ(analyse_history(raw, 0.10, 0)[0].kind, TrendKind::creep);
}

TEST(Trend, WhatTheProjectAddsStillCreepsOnASteadyMachine) {
    auto recordings = series({500, 520, 540, 560, 580, 600, 620, 640}, 1);
    with_control(recordings, std::vector<double>(8, 1.0), 300);
    const Trend t = analyse_history(recordings, 0.10, 0)[0];
    EXPECT_TRUE(t.speed_corrected);
    EXPECT_EQ(t.kind, TrendKind::creep);
    ASSERT_FALSE(t.grew.empty());
    EXPECT_EQ(t.grew[0].package, "requests");
}

TEST(Trend, SparklineSpansTheRange) {
    EXPECT_EQ(sparkline({1, 2, 3, 4, 5, 6, 7, 8}), "▁▂▃▄▅▆▇█");
    EXPECT_EQ(sparkline({5, 5}), "▄▄");
    EXPECT_EQ(sparkline({}), "");
}

}  // namespace lmms::policy

// lmms verify's text and JSON (pure functions of one Verification).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/verify_report.hpp"

namespace lmms::report {

namespace {

model::Verification identical_events() {
    model::Verification verification;
    verification.reference = "git HEAD (1a2b3c4d5e)";
    verification.workload = "events events.jsonl";
    verification.entry = "app.handler:handler";
    verification.invocations = 4;
    verification.no_measurement = "--no-profile";
    return verification;
}

TEST(VerifyReport, IdenticalSaysSoWithTheCount) {
    std::string text = verify_to_text(identical_events(), "/work/app");
    EXPECT_NE(text.find("lmms verify  events events.jsonl (4 invocations) of app.handler:handler"),
              std::string::npos);
    EXPECT_NE(text.find("  reference  git HEAD (1a2b3c4d5e)\n  working    /work/app\n"), std::string::npos);
    EXPECT_NE(text.find("identical: all 4 invocations behave the same"), std::string::npos);
    EXPECT_NE(text.find("cold start: not measured (--no-profile)"), std::string::npos);
}

TEST(VerifyReport, ADifferenceShowsBothSidesBesideEachOther) {
    model::Verification verification = identical_events();
    verification.differences.push_back({3, 7, "list", {{"stdout", "a\nb", "a"}}});
    std::string text = verify_to_text(verification, "/work/app");
    EXPECT_NE(text.find("different: 1 of 4 invocations behave differently"), std::string::npos);
    EXPECT_NE(text.find("  invocation 3 (events.jsonl:7, kind list)\n"
                        "    stdout\n"
                        "      reference  | working\n"
                        "      a          | a\n"
                        "      b          |\n"),
              std::string::npos)
        << text;
}

TEST(VerifyReport, LongValuesAreShownOneAboveTheOther) {
    model::Verification verification = identical_events();
    std::string wide(60, 'x');
    verification.differences.push_back({1, 1, "get", {{"result", wide, "1"}}});
    std::string text = verify_to_text(verification, "/work/app");
    EXPECT_NE(text.find("      reference | " + wide + "\n      working   | 1\n"), std::string::npos) << text;
}

TEST(VerifyReport, ALongOutputIsCutAfterTwentyLines) {
    model::Verification verification = identical_events();
    std::string many;
    for (int i = 1; i <= 25; ++i)
        many += "line " + std::to_string(i) + "\n";
    verification.differences.push_back({1, 1, "get", {{"stdout", many, ""}}});
    std::string text = verify_to_text(verification, "/work/app");
    EXPECT_NE(text.find("      line 20         |\n      (5 more lines)  |\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("line 21"), std::string::npos);
}

TEST(VerifyReport, TheMeasurementHasIntervalsAndThePrediction) {
    model::Verification verification = identical_events();
    model::Measurement measured;
    measured.rounds = 10;
    measured.reference = {{}, 800.0, {780.0, 820.0}, 1000};
    measured.working = {{}, 440.0, {430.0, 450.0}, 600};
    measured.cut = 0.45;
    measured.cut_interval = {0.43, 0.47};
    verification.measurement = measured;
    verification.prediction = model::Prediction{820.0, 450.0, 0.451};
    std::string text = verify_to_text(verification, "/work/app");
    EXPECT_NE(text.find("cold start (10 alternating rounds"), std::string::npos);
    EXPECT_NE(text.find("reference       800.0 ms   95 % [780.0, 820.0] ms   1000 modules"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("cut              45.0 %    95 % [43.0, 47.0] %"), std::string::npos) << text;
    EXPECT_NE(text.find("plan       820.0 ms -> 450.0 ms predicted (45.1 %)"), std::string::npos) << text;
}

TEST(VerifyReport, JsonHasTheSchemaVersionAndEveryDifference) {
    model::Verification verification = identical_events();
    verification.differences.push_back({2, 2, "get", {{"exit code", "3", "0"}}});
    verification.first_calls.push_back({"get", 1.5, std::nullopt});
    auto json = nlohmann::json::parse(verify_to_json(verification));
    EXPECT_EQ(json["schema_version"], 1);
    EXPECT_EQ(json["identical"], false);
    EXPECT_EQ(json["differences"][0]["fields"][0]["field"], "exit code");
    EXPECT_EQ(json["differences"][0]["fields"][0]["working"], "0");
    EXPECT_TRUE(json["first_calls"][0]["working_ms"].is_null());
    EXPECT_EQ(json["measurement"]["measured"], false);
    EXPECT_EQ(json["measurement"]["reason"], "--no-profile");
}

}  // namespace

}  // namespace lmms::report

// The profile's JSON and text renderings against stored goldens
// (UPDATE_GOLDEN=1 rewrites them), and JSON round trips.

#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "base/files.hpp"
#include "model/profile_json.hpp"
#include "profile_fixture.hpp"
#include "report/profile_text.hpp"
#include "test_support.hpp"

namespace lmms {

namespace {

model::Profile fixture_profile() {
    model::Profile profile = capture::build_profile(testing::captures_of(testing::k_log), testing::k_layout);
    profile.lmms_version = "0.0.0-test";
    profile.created = "2026-01-01T00:00:00Z";
    profile.environment = {"/usr/bin/python3",   "config",      "3.11.2", "cpython",
                           {"-X", "importtime"}, "Linux x86_64"};
    profile.settings = {"app.handler:handler", 3, {"."}};
    profile.lmms_peak_rss_kb = 4096;
    return profile;
}

void expect_golden(const std::string& name, const std::string& actual) {
    std::string path = testing::data_path("profiles/" + name);
    if (std::getenv("UPDATE_GOLDEN") != nullptr) {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    auto expected = base::read_file(path);
    ASSERT_TRUE(expected) << "missing golden " << path << "; run with UPDATE_GOLDEN=1";
    EXPECT_EQ(actual, *expected) << "golden " << path << " differs; UPDATE_GOLDEN=1 rewrites it";
}

}  // namespace

TEST(ProfileReport, JsonMatchesGolden) {
    expect_golden("small.json", model::profile_to_json(fixture_profile()));
}

TEST(ProfileReport, TextMatchesGolden) {
    expect_golden("small.txt", report::profile_to_text(fixture_profile(), {25, true, 0.0}));
}

TEST(ProfileReport, TopLimitsRowsAndAccountsForTheRest) {
    std::string text = report::profile_to_text(fixture_profile(), {2, false, 1.0});
    EXPECT_NE(text.find("(5 more)"), std::string::npos) << text;
    EXPECT_NE(text.find("total (7)"), std::string::npos) << text;
}

TEST(ProfileReport, JsonRoundTripsExactly) {
    std::string json = model::profile_to_json(fixture_profile());
    auto parsed = model::profile_from_json(json, "profile.json");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(model::profile_to_json(*parsed), json);
}

TEST(ProfileReport, BytecodeCachesRoundTripAndShowInTheHeader) {
    model::Profile profile = fixture_profile();
    profile.bytecode = model::BytecodeCaches{true, 3, "app/__init__.py"};
    std::string json = model::profile_to_json(profile);
    auto parsed = model::profile_from_json(json, "profile.json");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(model::profile_to_json(*parsed), json);
    std::string text = report::profile_to_text(profile, {2, false, 1.0});
    EXPECT_NE(
        text.find("Bytecode     NOT cached: a run compiled 3 modules from source (e.g. app/__init__.py); "
                  "sys.dont_write_bytecode is set"),
        std::string::npos)
        << text;
}

TEST(ProfileReport, SourcesAreWrittenSortedByFileAndReadBack) {
    model::Profile profile = fixture_profile();
    profile.has_sources = true;
    profile.sources = {{"app/z.py", "00000000000000ff"}, {"app/handler.py", "cbf29ce484222325"}};
    std::string json = model::profile_to_json(profile);
    EXPECT_NE(json.find(R"("sources": [
    {
      "file": "app/handler.py",
      "fingerprint": "cbf29ce484222325"
    },
    {
      "file": "app/z.py",)"),
              std::string::npos)
        << json;
    auto parsed = model::profile_from_json(json, "profile.json");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_TRUE(parsed->has_sources);
    EXPECT_EQ(parsed->sources, (std::vector<model::SourceFingerprint>{{"app/handler.py", "cbf29ce484222325"},
                                                                      {"app/z.py", "00000000000000ff"}}));
    EXPECT_EQ(model::profile_to_json(*parsed), json);
}

TEST(ProfileReport, AProfileFromBeforeSourcesReadsWithoutThem) {
    std::string json = model::profile_to_json(fixture_profile());
    ASSERT_EQ(json.find("\"sources\""), std::string::npos);  // what older versions wrote
    auto parsed = model::profile_from_json(json, "profile.json");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_FALSE(parsed->has_sources);
    EXPECT_TRUE(parsed->sources.empty());
    model::Profile none_found = fixture_profile();
    none_found.has_sources = true;  // recorded, and the project had no Python file
    parsed = model::profile_from_json(model::profile_to_json(none_found), "profile.json");
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->has_sources);
}

TEST(ProfileReport, JsonWithAnIndexOutOfRangeIsRejected) {
    std::string json = model::profile_to_json(fixture_profile());
    size_t at = json.find("\"first_importer\": ");
    ASSERT_NE(at, std::string::npos);
    at = json.find("\"first_importer\": ", at + 1);  // the first one is null: the entry's
    size_t end = json.find(',', at);
    json.replace(at, end - at, "\"first_importer\": 999");
    auto parsed = model::profile_from_json(json, "p.json");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().message, "not a valid LMMS profile: an index refers to nothing");
}

TEST(ProfileReport, JsonStartsWithSchemaVersion) {
    std::string json = model::profile_to_json(fixture_profile());
    EXPECT_EQ(json.substr(0, 24), "{\n  \"schema_version\": 1,");
}

TEST(ProfileReport, BadJsonIsAnErrorNamingTheFileAndLine) {
    auto garbage = model::profile_from_json("{not json", "p.json");
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().location, "p.json:1");
    auto future = model::profile_from_json(R"({"schema_version": 99})", "p.json");
    ASSERT_FALSE(future);
    EXPECT_NE(future.error().message.find("schema_version 99"), std::string::npos);
    auto missing = model::profile_from_json(R"({"schema_version": 1})", "p.json");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message, "lmms_version: missing");
}

}  // namespace lmms

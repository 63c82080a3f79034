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
    EXPECT_EQ(json.substr(0, 24), "{\n  \"schema_version\": 2,");
}

namespace {

/// The fixture with the warm-up's figures: a failed import, module-level
/// code, an import hook and the compile cost.
model::Profile profile_with_warmup_figures() {
    model::Profile profile = fixture_profile();
    for (model::Module& module : profile.modules)
        module.failed = module.name == "light";
    profile.module_code = {{"app/a.py", 4, "for name in range(3):", 31'000},
                           {"app/b.py", 12, "CONTEXT = ssl.create_default_context()", 19'800}};
    profile.import_hooks = {{"aaa.Quick", 2, 10, "app", 8},
                            {"plugins.Loader", 3, 40'000, "app.routes", 39'000}};
    profile.compile = model::CompileCost{7, 2'500, 4, 1'200};
    return profile;
}

void erase_key(std::string& json, const std::string& key) {
    size_t at = json.find(",\n  \"" + key + "\": ");
    ASSERT_NE(at, std::string::npos) << key;
    size_t next = json.find("\n  \"", at + 2);  // keeps the comma before the next key
    size_t end = next == std::string::npos ? json.rfind("\n}") : next - 1;
    json.erase(at, end - at);
}

}  // namespace

TEST(ProfileReport, WarmUpFiguresRoundTrip) {
    model::Profile profile = profile_with_warmup_figures();
    std::string json = model::profile_to_json(profile);
    EXPECT_NE(json.find("\"failed\": true"), std::string::npos);
    auto parsed = model::profile_from_json(json, "profile.json");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(model::profile_to_json(*parsed), json);
    ASSERT_EQ(parsed->module_code.size(), 2u);
    EXPECT_EQ(parsed->module_code[1].text, "CONTEXT = ssl.create_default_context()");
    ASSERT_EQ(parsed->import_hooks.size(), 2u);
    EXPECT_EQ(parsed->import_hooks[1].slowest_module, "app.routes");
    ASSERT_TRUE(parsed->compile);
    EXPECT_EQ(parsed->compile->project_modules, 4);
}

TEST(ProfileReport, AVersion1ProfileReadsWithoutTheWarmUpFigures) {
    std::string json = model::profile_to_json(profile_with_warmup_figures());
    json.replace(json.find("\"schema_version\": 2"), 19, "\"schema_version\": 1");
    erase_key(json, "module_code");
    erase_key(json, "import_hooks");
    erase_key(json, "compile");
    for (size_t at; (at = json.find("\n      \"failed\": ")) != std::string::npos;)
        json.erase(at, json.find('\n', at + 1) - at);
    auto parsed = model::profile_from_json(json, "profile.json");
    ASSERT_TRUE(parsed) << parsed.error().message << "\n" << json;
    EXPECT_EQ(parsed->schema_version, model::k_profile_schema_version);  // read into the current shape
    EXPECT_TRUE(parsed->module_code.empty());
    EXPECT_TRUE(parsed->import_hooks.empty());
    EXPECT_FALSE(parsed->compile);
    for (const model::Module& module : parsed->modules)
        EXPECT_FALSE(module.failed) << module.name;
}

TEST(ProfileReport, TextNamesFailedImportsModuleCodeHooksAndCompileCost) {
    std::string text = report::profile_to_text(profile_with_warmup_figures(), {25, false, 1.0});
    EXPECT_NE(text.find("Failed       1 import raised and is not loaded at cold start: light (from app.b)\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("(import failed)"), std::string::npos) << text;
    EXPECT_NE(text.find("Compile      2.5 ms for the 7 modules from source (project: 4 modules, 1.2 ms)"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("the timed runs did not"), std::string::npos) << text;
    // Slowest first, with the statement's text, and said to be one run's figure.
    size_t loop = text.find("  app/a.py:4 `for name in range(3):` 31.0 ms at import\n");
    size_t context = text.find("  app/b.py:12 `CONTEXT = ssl.create_default_context()` 19.8 ms at import\n");
    ASSERT_NE(loop, std::string::npos) << text;
    EXPECT_GT(context, loop);
    EXPECT_NE(text.find("a single run's figure"), std::string::npos);
    EXPECT_NE(text.find("  plugins.Loader  40.0 ms in 3 find_spec calls; slowest: app.routes 39.0 ms\n"),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("aaa.Quick"), std::string::npos);  // under 1 ms
}

TEST(ProfileReport, TextWithoutWarmUpFiguresHasNoSectionForThem) {
    std::string text = report::profile_to_text(fixture_profile(), {25, false, 1.0});
    EXPECT_EQ(text.find("Failed "), std::string::npos);
    EXPECT_EQ(text.find("Compile "), std::string::npos);
    EXPECT_EQ(text.find("Module-level code"), std::string::npos);
    EXPECT_EQ(text.find("Import hooks"), std::string::npos);
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

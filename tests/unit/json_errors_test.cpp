// A capture's JSON with a wrong type or a missing field names the field's
// path (`modules[3].self_us.median: expected a number`), never nlohmann's
// `type_error.302`.

#include "model/json_errors.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "model/profile_json.hpp"
#include "model/usage_json.hpp"
#include "profile_fixture.hpp"

namespace lmms::model {

namespace {

using Json = nlohmann::ordered_json;

Profile small_profile() {
    Profile profile = capture::build_profile(testing::captures_of(testing::k_log), testing::k_layout);
    profile.created = "2026-01-01T00:00:00Z";
    profile.settings = {"app.handler:handler", 3, {"."}};
    return profile;
}

/// The message of reading `json` back as a profile; empty when it reads.
std::string profile_error(const Json& json) {
    auto profile = profile_from_json(json.dump(2), ".lmms/profile.json");
    if (profile)
        return {};
    EXPECT_EQ(profile.error().location, ".lmms/profile.json");
    return profile.error().message;
}

Usage small_usage() {
    Usage usage;
    usage.workload = "events";
    usage.workload_file = "events.jsonl";
    usage.python_version = "3.11.2";
    usage.tracer = "settrace";
    usage.planned = 1;
    usage.invocations.push_back({1, 1, "save", 1.5, "", "", ""});
    SiteUsage site;
    site.file = "svc/main.py";
    site.line = 2;
    site.statement = "import json";
    site.module = "json";
    site.names = {"json"};
    site.name_used = {1};
    site.used = 1;
    site.used_in = {1};
    usage.sites.push_back(site);
    return usage;
}

std::string usage_error(const Json& json) {
    auto usage = usage_from_json(json.dump(1), ".lmms/usage.json");
    return usage ? std::string() : usage.error().message;
}

}  // namespace

TEST(JsonErrors, ANumberThatIsAStringNamesItsPath) {
    Json json = Json::parse(profile_to_json(small_profile()));
    ASSERT_EQ(profile_error(json), "");
    json["modules"][3]["self_us"]["median"] = "fast";
    EXPECT_EQ(profile_error(json), "modules[3].self_us.median: expected a number, found a string");
}

TEST(JsonErrors, EachKindOfWrongTypeSaysWhatWasExpected) {
    Json base = Json::parse(profile_to_json(small_profile()));
    auto with = [&](auto edit) {
        Json json = base;
        edit(json);
        return profile_error(json);
    };
    EXPECT_EQ(with([](Json& j) { j["modules"][0]["name"] = 5; }),
              "modules[0].name: expected a string, found an integer");
    EXPECT_EQ(with([](Json& j) { j["modules"][1]["project"] = "yes"; }),
              "modules[1].project: expected true or false, found a string");
    EXPECT_EQ(with([](Json& j) { j["runs"][0]["total_us"] = 1.5; }),
              "runs[0].total_us: expected an integer, found a fraction");
    EXPECT_EQ(with([](Json& j) { j["sites"][0]["line"] = -3; }),
              "sites[0].line: expected a non-negative integer from 0 to 4294967295, found -3");
    EXPECT_EQ(with([](Json& j) { j["sites"][0]["line"] = 1ULL << 40; }),
              "sites[0].line: 1099511627776 is too large (at most 4294967295)");
    EXPECT_EQ(with([](Json& j) { j["modules"] = Json::object(); }),
              "modules: expected an array, found an object");
    EXPECT_EQ(with([](Json& j) { j["cold_start"] = nullptr; }), "cold_start: expected an object, found null");
    EXPECT_EQ(with([](Json& j) { j["environment"]["flags"][0] = false; }),
              "environment.flags[0]: expected a string, found a boolean");
    EXPECT_EQ(with([](Json& j) { j["edges"][0] = Json::array({0}); }), "edges[0][1]: missing");
    EXPECT_EQ(with([](Json& j) { j["settings"].erase("runs"); }), "settings.runs: missing");
    EXPECT_EQ(with([](Json& j) { j["modules"][2]["first_importer"] = "app"; }),
              "modules[2].first_importer: expected a non-negative integer, found a string");
}

TEST(JsonErrors, UsageFieldsNameTheirPathToo) {
    Json base = Json::parse(usage_to_json(small_usage()));
    ASSERT_EQ(usage_error(base), "");
    Json json = base;
    json["sites"][0]["used"] = "1";
    EXPECT_EQ(usage_error(json), "sites[0].used: expected a non-negative integer, found a string");
    json = base;
    json["invocations"][0]["latency_ms"] = Json::array();
    EXPECT_EQ(usage_error(json), "invocations[0].latency_ms: expected a number, found an array");
    json = base;
    json["workload"]["partial"] = 0;
    EXPECT_EQ(usage_error(json), "workload.partial: expected true or false, found an integer");
    json = base;
    json["sites"][0]["used_in"][0] = Json::array({3, 1});
    EXPECT_EQ(usage_error(json), "sites[0].used_in[0]: not an invocation range");
}

TEST(JsonErrors, TheDocumentItselfOfTheWrongType) {
    auto profile = profile_from_json("[1, 2]", "p.json");
    ASSERT_FALSE(profile);
    EXPECT_EQ(profile.error().message, "the document: expected an object, found an array");
}

}  // namespace lmms::model

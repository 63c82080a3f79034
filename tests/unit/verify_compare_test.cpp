// The comparison of two replays (pure): which fields differ, masks by regular
// expression and by JSON path (into strings that hold JSON), the built-in
// normalisations, invocations that ran in one tree only, first calls per kind.

#include <gtest/gtest.h>

#include "verify/compare.hpp"

namespace lmms::verify {

namespace {

model::InvocationOutcome returned(uint32_t number, std::string result, std::string kind = "get") {
    model::InvocationOutcome outcome;
    outcome.number = number;
    outcome.source_line = number;
    outcome.kind = std::move(kind);
    outcome.result = std::move(result);
    outcome.result_is_json = true;
    return outcome;
}

model::Replay replay_of(std::vector<model::InvocationOutcome> outcomes) {
    model::Replay replay;
    replay.invocations = std::move(outcomes);
    return replay;
}

Masks masks_of(std::vector<std::string> patterns, std::vector<std::string> paths = {}) {
    auto masks = compile_masks({std::move(patterns), std::move(paths)});
    EXPECT_TRUE(masks.has_value());
    return *masks;
}

TEST(VerifyCompare, IdenticalReplaysHaveNoDifferences) {
    model::Replay replay = replay_of({returned(1, R"({"a": 1})"), returned(2, "null")});
    EXPECT_TRUE(compare_replays(replay, replay, {}).empty());
}

TEST(VerifyCompare, EachDifferingFieldIsNamedWithBothValues) {
    model::InvocationOutcome before = returned(1, R"({"status": 200})");
    model::InvocationOutcome after = returned(1, R"({"status": 500})");
    before.stdout_text = "ok\n";
    after.stdout_text = "ok\n";
    after.stderr_text = "warning\n";
    after.error_type = "ValueError";
    after.error_message = "bad";
    auto differences = compare_replays(replay_of({before}), replay_of({after}), {});
    ASSERT_EQ(differences.size(), 1u);
    const auto& fields = differences[0].fields;
    ASSERT_EQ(fields.size(), 3u);
    EXPECT_EQ(fields[0].field, "result");
    EXPECT_EQ(fields[0].reference, R"({"status": 200})");
    EXPECT_EQ(fields[0].working, R"({"status": 500})");
    EXPECT_EQ(fields[1].field, "exception");
    EXPECT_EQ(fields[1].reference, "none");
    EXPECT_EQ(fields[1].working, "ValueError: bad");
    EXPECT_EQ(fields[2].field, "stderr");
}

TEST(VerifyCompare, ExitCodesAreCompared) {
    model::InvocationOutcome before = returned(1, "");
    model::InvocationOutcome after = before;
    before.exit_code = 3;
    after.exit_code = 0;
    auto differences = compare_replays(replay_of({before}), replay_of({after}), {});
    ASSERT_EQ(differences.size(), 1u);
    EXPECT_EQ(differences[0].fields[0].field, "exit code");
    EXPECT_EQ(differences[0].fields[0].reference, "3");
    EXPECT_EQ(differences[0].fields[0].working, "0");
}

TEST(VerifyCompare, AnInvocationThatRanInOneTreeOnlyDiffersInRan) {
    model::Replay before = replay_of({returned(1, "1"), returned(2, "2")});
    model::Replay after = replay_of({returned(1, "1")});
    after.partial = true;
    after.partial_reason = "after 1 of 2 events, the process timed out";
    auto differences = compare_replays(before, after, {});
    ASSERT_EQ(differences.size(), 1u);
    EXPECT_EQ(differences[0].number, 2u);
    EXPECT_EQ(differences[0].fields[0].field, "ran");
    EXPECT_EQ(differences[0].fields[0].reference, "yes");
    EXPECT_EQ(differences[0].fields[0].working,
              "no: the workload stopped after 1 of 2 events, the process timed out");
}

TEST(VerifyCompare, AnEntryThatCannotBeImportedRunsNothing) {
    model::InvocationOutcome import = returned(0, "");
    model::Replay before = replay_of({import, returned(1, "1")});
    import.error_type = "ModuleNotFoundError";
    import.error_message = "No module named 'yaml'";
    model::Replay after = replay_of({import});
    auto differences = compare_replays(before, after, {});
    ASSERT_EQ(differences.size(), 2u);
    EXPECT_EQ(differences[0].number, 0u);
    EXPECT_EQ(differences[0].fields[0].working, "ModuleNotFoundError: No module named 'yaml'");
    EXPECT_EQ(differences[1].fields[0].working, "no: the entry could not be imported");
}

TEST(VerifyCompare, RegexMasksApplyToEveryComparedText) {
    model::InvocationOutcome before = returned(1, R"({"at": "2026-12-01T10:00:00"})");
    model::InvocationOutcome after = returned(1, R"({"at": "2026-12-02T11:30:00"})");
    before.stdout_text = "done at 2026-12-01T10:00:00\n";
    after.stdout_text = "done at 2026-12-02T11:30:00\n";
    Masks masks = masks_of({R"(\d{4}-\d\d-\d\dT[0-9:]+)"});
    EXPECT_TRUE(compare_replays(replay_of({before}), replay_of({after}), masks).empty());
    EXPECT_EQ(mask_text(after.stdout_text, masks), "done at <masked>\n");
}

TEST(VerifyCompare, JsonPathMasksLookIntoStringsHoldingJson) {
    model::InvocationOutcome outcome =
        returned(1, R"({"body": "{\"request_id\": \"abc\", \"n\": 1}", "headers": {"Date": "Tue"}})");
    Masks masks = masks_of({}, {"body.request_id", "headers.Date"});
    EXPECT_EQ(mask_result(outcome, masks),
              R"({"body":"{\"n\":1,\"request_id\":\"<masked>\"}","headers":{"Date":"<masked>"}})");
}

TEST(VerifyCompare, JsonPathMasksTakeIndicesAndWildcards) {
    model::InvocationOutcome outcome = returned(1, R"({"items": [{"id": 1, "v": 2}, {"id": 3, "v": 4}]})");
    EXPECT_EQ(mask_result(outcome, masks_of({}, {"items.*.id"})),
              R"({"items":[{"id":"<masked>","v":2},{"id":"<masked>","v":4}]})");
    EXPECT_EQ(mask_result(outcome, masks_of({}, {"items.1.v"})),
              R"({"items":[{"id":1,"v":2},{"id":3,"v":"<masked>"}]})");
    EXPECT_EQ(mask_result(outcome, masks_of({}, {"missing.path"})),
              R"({"items":[{"id":1,"v":2},{"id":3,"v":4}]})");
}

TEST(VerifyCompare, AddressesAndTracebackLinesAreNormalised) {
    EXPECT_EQ(mask_text("<app.Thing object at 0x7f3a2c1d9e50>", {}), "<app.Thing object at 0x…>");
    EXPECT_EQ(mask_text("  File \"<tree>/app/x.py\", line 12, in run\n", {}),
              "  File \"<tree>/app/x.py\", line …, in run\n");
}

TEST(VerifyCompare, BadMasksAreInputErrors) {
    auto bad_regex = compile_masks({{"(unclosed"}, {}});
    ASSERT_FALSE(bad_regex.has_value());
    EXPECT_NE(bad_regex.error().message.find("--mask `(unclosed`"), std::string::npos);
    auto bad_path = compile_masks({{}, {"body..id"}});
    ASSERT_FALSE(bad_path.has_value());
    EXPECT_NE(bad_path.error().message.find("--mask-json `body..id`"), std::string::npos);
}

TEST(VerifyCompare, FirstCallsAreEachKindsFirstInvocation) {
    model::InvocationOutcome import = returned(0, "");
    import.kind = "import of the entry";
    model::InvocationOutcome a1 = returned(1, "", "a");
    model::InvocationOutcome b2 = returned(2, "", "b");
    model::InvocationOutcome a3 = returned(3, "", "a");
    a1.latency_ns = 5'000'000;
    b2.latency_ns = 1'000'000;
    a3.latency_ns = 9'000'000;
    model::Replay before = replay_of({import, a1, b2, a3});
    model::Replay after = replay_of({import, a1});
    auto calls = first_calls(before, after);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0].kind, "a");
    EXPECT_DOUBLE_EQ(*calls[0].reference_ms, 5.0);
    EXPECT_DOUBLE_EQ(*calls[0].working_ms, 5.0);
    EXPECT_EQ(calls[1].kind, "b");
    EXPECT_FALSE(calls[1].working_ms.has_value());
}

}  // namespace

}  // namespace lmms::verify

// The replay of a workload on one tree (a fake runner): the probe's outcome
// lines, the tree's path hidden, a command's own output and exit code, a
// timeout's partial replay.

#include <gtest/gtest.h>

#include "capture/replay.hpp"

namespace lmms::capture {

namespace {

class FakeRunner final : public base::ProcessRunner {
public:
    std::vector<base::ProcessResult> results;
    std::vector<base::SpawnRequest> requests;

    Expected<base::ProcessResult> run(const base::SpawnRequest& request) override {
        requests.push_back(request);
        return results.at(requests.size() - 1);
    }
};

base::ProcessResult finished(std::vector<std::string> lines) {
    base::ProcessResult result;
    result.exit_code = 0;
    result.spawned = 1'000;
    result.exited = 4'001'000;
    for (const std::string& line : lines)
        result.report.push_back({line, 0});
    return result;
}

ReplayRequest events_request() {
    ReplayRequest request;
    request.python = "/usr/bin/python3";
    request.tree = "/tmp/lmms-verify-abc";
    request.src_roots = {"/tmp/lmms-verify-abc"};
    request.module = "app.handler";
    request.function = "handler";
    request.events_file = "/work/project/events.jsonl";
    request.events = {{1, "get"}, {3, "list"}};
    return request;
}

const ReplayProgress k_quiet = [](const std::string&, size_t, size_t) {};

TEST(Replay, EventsOutcomesAreNumberedAndLabelled) {
    FakeRunner runner;
    runner.results.push_back(finished({
        "python\t3.11.2\t/usr/bin/python3\tcpython",
        "replay_import\t\t\tloading config\\n\t",
        "outcome\t1\t2000000\tjson\t{\"path\": \"/tmp/lmms-verify-abc/app\"}\t\t\thi\\n\t",
        "outcome\t2\t1000000\trepr\t<object>\tKeyError\t'x'\t\t",
        "done",
    }));
    auto replay = replay_workload(events_request(), runner, k_quiet);
    ASSERT_TRUE(replay.has_value());
    EXPECT_EQ(runner.requests[0].working_directory, "/tmp/lmms-verify-abc");
    EXPECT_EQ(replay->python_version, "3.11.2");
    ASSERT_EQ(replay->invocations.size(), 3u);
    EXPECT_EQ(replay->invocations[0].number, 0u);
    EXPECT_EQ(replay->invocations[0].stdout_text, "loading config\n");
    const model::InvocationOutcome& first = replay->invocations[1];
    EXPECT_EQ(first.source_line, 1u);
    EXPECT_EQ(first.kind, "get");
    EXPECT_TRUE(first.result_is_json);
    EXPECT_EQ(first.result, R"({"path": "<tree>/app"})");
    EXPECT_EQ(first.stdout_text, "hi\n");
    const model::InvocationOutcome& second = replay->invocations[2];
    EXPECT_EQ(second.source_line, 3u);
    EXPECT_FALSE(second.result_is_json);
    EXPECT_EQ(second.error_type, "KeyError");
    EXPECT_FALSE(replay->partial);
}

TEST(Replay, AReportWithoutItsEndIsPartial) {
    FakeRunner runner;
    base::ProcessResult process = finished({"replay_import\t\t\t\t", "outcome\t1\t5\tjson\t1\t\t\t\t"});
    process.timed_out = true;
    process.exit_code = -1;
    runner.results.push_back(process);
    ReplayRequest request = events_request();
    request.timeout = std::chrono::seconds(5);
    auto replay = replay_workload(request, runner, k_quiet);
    ASSERT_TRUE(replay.has_value());
    EXPECT_TRUE(replay->partial);
    EXPECT_NE(replay->partial_reason.find("after 1 of 2 events"), std::string::npos)
        << replay->partial_reason;
}

TEST(Replay, CommandsKeepTheProcessOutputAndExitCode) {
    FakeRunner runner;
    base::ProcessResult process = finished({"outcome\t1\t5\t\t\tValueError\tbad value"});
    process.exit_code = 1;
    process.stdout_text = "reading /tmp/lmms-verify-abc/data.csv\n";
    process.stderr_text = "Traceback ...\n";
    runner.results.push_back(process);
    ReplayRequest request = events_request();
    request.commands = {{4, "-m tool check", {"-m", "tool", "check"}, "tool check"}};
    auto replay = replay_workload(request, runner, k_quiet);
    ASSERT_TRUE(replay.has_value());
    ASSERT_EQ(replay->invocations.size(), 1u);
    const model::InvocationOutcome& outcome = replay->invocations[0];
    EXPECT_EQ(outcome.source_line, 4u);
    EXPECT_EQ(outcome.kind, "tool check");
    EXPECT_EQ(outcome.exit_code, std::optional<int>(1));
    EXPECT_EQ(outcome.error_type, "ValueError");
    EXPECT_EQ(outcome.stdout_text, "reading <tree>/data.csv\n");
    EXPECT_EQ(outcome.latency_ns, 4'000'000);
    const std::vector<std::string>& argv = runner.requests[0].argv;
    EXPECT_EQ(argv[4], "replay-command");
    EXPECT_EQ(argv.back(), "check");
}

TEST(Replay, HideTreeRootReplacesEverySpelling) {
    std::vector<std::string> spellings{"/tmp/t", "/private/tmp/t"};
    EXPECT_EQ(hide_tree_root("/tmp/t/a and /private/tmp/t/b", spellings), "<tree>/a and <tree>/b");
    // Only the folder itself: a sibling whose name starts with the tree's is another path.
    EXPECT_EQ(hide_tree_root("/tmp/t-data/x, '/tmp/t', /tmp/t.bak /tmp/t", spellings),
              "/tmp/t-data/x, '<tree>', /tmp/t.bak <tree>");
    EXPECT_EQ(hide_tree_root("written to /tmp/t. Done", spellings), "written to <tree>. Done");
}

}  // namespace

}  // namespace lmms::capture

// Probe reports merged into a usage capture, and the capture's handling of
// processes that time out, crash or fail to load the entry (a fake runner).

#include <gtest/gtest.h>

#include "capture/usage_capture.hpp"

namespace lmms::capture {

namespace {

std::vector<base::ReportLine> report(std::initializer_list<std::string> lines) {
    std::vector<base::ReportLine> result;
    for (const std::string& line : lines)
        result.push_back({line, 0});
    return result;
}

LineKey key(size_t file, uint32_t line) {
    return static_cast<LineKey>(file) << k_line_bits | line;
}

/// Plays back one prepared result per process, and keeps the requests.
class FakeRunner final : public base::ProcessRunner {
public:
    std::vector<base::ProcessResult> results;
    std::vector<base::SpawnRequest> requests;

    Expected<base::ProcessResult> run(const base::SpawnRequest& request) override {
        requests.push_back(request);
        base::ProcessResult result = results.at(requests.size() - 1);
        if (request.on_report_line)
            for (const base::ReportLine& line : result.report)
                request.on_report_line(line);
        return result;
    }
};

base::ProcessResult finished(std::vector<base::ReportLine> lines, int64_t spawned, int64_t exited) {
    base::ProcessResult result;
    result.exit_code = 0;
    result.spawned = spawned;
    result.exited = exited;
    result.report = std::move(lines);
    return result;
}

UsageRequest commands_request(size_t count) {
    UsageRequest request;
    request.python = "/usr/bin/python3";
    request.project_dir = "/proj";
    request.src_roots = {"/proj"};
    for (size_t i = 0; i < count; ++i)
        request.commands.push_back(
            Command{static_cast<uint32_t>(i + 1), "-m tool", {"-m", "tool"}, "module tool"});
    return request;
}

const UsageProgress k_quiet = [](const std::string&, size_t, size_t) {};

}  // namespace

TEST(UsageCapture, MergeMapsEachReportsFilesOntoOneList) {
    UsageCapture capture;
    ASSERT_TRUE(merge_usage_report(
        report({"python\t3.11.2", "tracer\tsettrace", "file\t0\t/proj/a.py", "file\t1\t/proj/b.py",
                "invocation\t1\t500\t\t", "hits\t1\t16777218 3", "import_hits\t3", "done"}),
        capture, 1));
    // The second process saw b.py first: its file 0 is the capture's file 1.
    ASSERT_TRUE(merge_usage_report(report({"file\t0\t/proj/b.py", "invocation\t1\t700\tValueError\tbad",
                                           "hits\t1\t5", "import_hits\t7", "done"}),
                                   capture, 2));
    EXPECT_EQ(capture.tracer, "settrace");
    EXPECT_EQ(capture.files, (std::vector<std::string>{"/proj/a.py", "/proj/b.py"}));
    ASSERT_EQ(capture.invocations.size(), 2u);
    EXPECT_EQ(capture.invocations[0].number, 1u);
    EXPECT_EQ(capture.invocations[0].lines, (std::vector<LineKey>{key(0, 3), key(1, 2)}));
    EXPECT_EQ(capture.invocations[1].number, 2u);
    EXPECT_EQ(capture.invocations[1].latency_ns, 700);
    EXPECT_EQ(capture.invocations[1].error_type, "ValueError");
    EXPECT_EQ(capture.invocations[1].error_message, "bad");
    EXPECT_EQ(capture.invocations[1].lines, (std::vector<LineKey>{key(1, 5)}));
    EXPECT_EQ(capture.import_lines, (std::vector<LineKey>{key(0, 3), key(1, 7)}));
}

TEST(UsageCapture, AReportWithoutItsEndIsIncomplete) {
    UsageCapture capture;
    EXPECT_FALSE(merge_usage_report(
        report({"file\t0\t/proj/a.py", "invocation\t1\t5\t\t", "hits\t1\t1", "invocation\t2\t5\t\t"}),
        capture, 1));
    EXPECT_EQ(capture.invocations.size(), 2u);
    // A key naming a file the report never announced is ignored, not misattributed.
    EXPECT_TRUE(
        merge_usage_report(report({"invocation\t1\t5\t\t", "hits\t1\t33554433", "done"}), capture, 3));
    EXPECT_TRUE(capture.invocations.back().lines.empty());
}

TEST(UsageCapture, EachCommandIsAProcessTimedFromSpawnToExit) {
    FakeRunner runner;
    runner.results = {
        finished(report({"python\t3.11.2", "file\t0\t/proj/tool.py", "invocation\t1\t9\t\t", "hits\t1\t4",
                         "import_hits\t", "done"}),
                 1'000, 41'000),
        finished(report({"invocation\t1\t9\tSystemExit\t2", "hits\t1\t", "import_hits\t", "done"}), 50'000,
                 60'000)};
    auto capture = capture_usage(commands_request(2), runner, k_quiet);
    ASSERT_TRUE(capture);
    EXPECT_FALSE(capture->partial);
    EXPECT_EQ(capture->python_version, "3.11.2");
    ASSERT_EQ(capture->invocations.size(), 2u);
    EXPECT_EQ(capture->invocations[0].latency_ns, 40'000);
    EXPECT_EQ(capture->invocations[1].latency_ns, 10'000);
    EXPECT_EQ(capture->invocations[1].error_type, "SystemExit");
    // Arguments go to the interpreter as a vector, after the roots and "--".
    const std::vector<std::string>& argv = runner.requests[0].argv;
    ASSERT_GE(argv.size(), 4u);
    EXPECT_EQ(argv[argv.size() - 3], "--");
    EXPECT_EQ(argv[argv.size() - 2], "-m");
    EXPECT_EQ(argv.back(), "tool");
}

TEST(UsageCapture, AFailedCommandKeepsItsExitCodeAndStderrTail) {
    FakeRunner runner;
    base::ProcessResult failed =
        finished(report({"invocation\t1\t9\tKeyError\t'id'", "hits\t1\t", "done"}), 0, 5);
    failed.exit_code = 1;
    failed.stderr_text = "Traceback (most recent call last):\n  File \"cli.py\", line 7\nKeyError: 'id'\n";
    runner.results = {failed};
    auto capture = capture_usage(commands_request(1), runner, k_quiet);
    ASSERT_TRUE(capture);
    ASSERT_EQ(capture->invocations.size(), 1u);
    const std::string& output = capture->invocations[0].output;
    EXPECT_NE(output.find("exited with code 1"), std::string::npos) << output;
    EXPECT_NE(output.find("KeyError: 'id'"), std::string::npos) << output;
}

TEST(UsageCapture, ACrashedCommandIsAFailedInvocationAndTheRunGoesOn) {
    FakeRunner runner;
    base::ProcessResult crashed;
    crashed.signal = 11;
    crashed.stderr_text = "first\nFatal Python error: Segmentation fault\n";
    runner.results = {crashed, finished(report({"invocation\t1\t9\t\t", "hits\t1\t", "done"}), 0, 5)};
    auto capture = capture_usage(commands_request(2), runner, k_quiet);
    ASSERT_TRUE(capture);
    EXPECT_FALSE(capture->partial);
    ASSERT_EQ(capture->invocations.size(), 2u);
    EXPECT_EQ(capture->invocations[0].error_type, "crash");
    EXPECT_NE(capture->invocations[0].error_message.find("Segmentation fault"), std::string::npos);
    EXPECT_EQ(capture->invocations[1].number, 2u);
}

TEST(UsageCapture, ATimeoutStopsTheWorkloadAsPartial) {
    FakeRunner runner;
    base::ProcessResult slow;
    slow.timed_out = true;
    runner.results = {finished(report({"invocation\t1\t9\t\t", "hits\t1\t", "done"}), 0, 5), slow, slow};
    auto capture = capture_usage(commands_request(3), runner, k_quiet);
    ASSERT_TRUE(capture);
    EXPECT_TRUE(capture->partial);
    EXPECT_NE(capture->partial_reason.find("command 2 of 3 (line 2)"), std::string::npos);
    EXPECT_EQ(capture->invocations.size(), 1u);
    EXPECT_EQ(runner.requests.size(), 2u);
}

TEST(UsageCapture, EventsThatStopEarlyArePartialAndAnUnloadableEntryIsAnError) {
    UsageRequest request;
    request.python = "/usr/bin/python3";
    request.project_dir = "/proj";
    request.events_file = "/proj/data/events.jsonl";
    request.module = "app.main";
    request.function = "handler";
    request.events = {Event{1, "a"}, Event{2, "a"}, Event{3, "a"}};
    FakeRunner runner;
    base::ProcessResult killed = finished(report({"python\t3.11.2", "imported\t4", "invocation\t1\t9\t\t",
                                                  "hits\t1\t", "invocation\t2\t9\t\t", "hits\t2\t"}),
                                          0, 5);
    killed.timed_out = true;
    runner.results = {killed, finished(report({"error\timport\tModuleNotFoundError\tNo module named 'yaml'",
                                               "traceback\tTraceback (most recent call last):"}),
                                       0, 5)};
    auto capture = capture_usage(request, runner, k_quiet);
    ASSERT_TRUE(capture);
    EXPECT_TRUE(capture->partial);
    EXPECT_NE(capture->partial_reason.find("after 2 of 3 events, in event 3 (data/events.jsonl:3)"),
              std::string::npos);
    auto failed = capture_usage(request, runner, k_quiet);
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().message.find("No module named 'yaml'"), std::string::npos);
    EXPECT_EQ(failed.error().kind, ErrorKind::input);
}

TEST(UsageCapture, EventsProgressAsEachStarts) {
    UsageRequest request;
    request.python = "/usr/bin/python3";
    request.events = {Event{1, "a"}, Event{3, "a"}, Event{4, "a"}};
    FakeRunner runner;
    runner.results = {
        finished(report({"imported\t4", "invocation\t1\t9\t\t", "hits\t1\t", "invocation\t2\t9\t\t",
                         "hits\t2\t", "invocation\t3\t9\t\t", "hits\t3\t", "done"}),
                 0, 5)};
    std::vector<std::string> seen;
    auto capture = capture_usage(request, runner, [&](const std::string& what, size_t index, size_t total) {
        seen.push_back(std::to_string(index) + "/" + std::to_string(total) + " " + what);
    });
    ASSERT_TRUE(capture);
    EXPECT_EQ(seen, (std::vector<std::string>{"0/3 importing the entry", "1/3 event at line 1",
                                              "2/3 event at line 3", "3/3 event at line 4"}));
}

}  // namespace lmms::capture

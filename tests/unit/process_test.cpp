#include "base/process.hpp"

#include <signal.h>

#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "base/strings.hpp"

namespace lmms::base {

namespace {

SpawnRequest shell(const std::string& script, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    return SpawnRequest{{"/bin/sh", "-c", script}, {}, timeout, true};
}

/// A process is gone when /proc has no entry for it or only a zombie.
bool is_gone(int64_t pid) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
        std::string line;
        if (!std::getline(stat, line))
            return true;
        size_t close = line.rfind(')');
        if (close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z')
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

}  // namespace

TEST(Process, CapturesOutputAndExitCode) {
    PosixProcessRunner runner;
    auto result = runner.run(shell("echo out; echo err >&2; exit 3"));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->stdout_text, "out\n");
    EXPECT_EQ(result->stderr_text, "err\n");
    EXPECT_EQ(result->exit_code, 3);
    EXPECT_FALSE(result->timed_out);
}

TEST(Process, ReportChannelLinesArriveInOrderWithTimes) {
    PosixProcessRunner runner;
    auto result = runner.run(shell("echo one >&3; echo two >&3; printf partial >&3"));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->report.size(), 3u);
    EXPECT_EQ(result->report[0].text, "one");
    EXPECT_EQ(result->report[2].text, "partial");
    EXPECT_GE(result->report[0].arrived, result->spawned);
    EXPECT_LE(result->report[0].arrived, result->report[1].arrived);
}

TEST(Process, EachReportLineIsHandedOverAsItArrives) {
    PosixProcessRunner runner;
    SpawnRequest request = shell("echo one >&3; echo two >&3");
    std::vector<std::string> seen;
    request.on_report_line = [&seen](const ReportLine& line) { seen.push_back(line.text); };
    auto result = runner.run(request);
    ASSERT_TRUE(result);
    EXPECT_EQ(seen, (std::vector<std::string>{"one", "two"}));
    EXPECT_EQ(result->report.size(), 2u);
}

TEST(Process, TimeoutKillsTheWholeProcessGroup) {
    PosixProcessRunner runner;
    auto result = runner.run(shell("sleep 30 & echo $! >&3; sleep 30", std::chrono::milliseconds(300)));
    ASSERT_TRUE(result);
    EXPECT_TRUE(result->timed_out);
    ASSERT_EQ(result->report.size(), 1u);
    auto grandchild = parse_int(result->report[0].text);
    ASSERT_TRUE(grandchild);
    EXPECT_TRUE(is_gone(*grandchild));
    EXPECT_EQ(describe_exit(*result, std::chrono::milliseconds(300)),
              "timed out after 0.3 s; its process group was killed");
}

TEST(Process, ChildKilledBySignalIsReported) {
    PosixProcessRunner runner;
    auto result = runner.run(shell("kill -SEGV $$"));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->signal, SIGSEGV);
    EXPECT_EQ(describe_exit(*result, std::chrono::seconds(1)).substr(0, 26), "was killed by signal 11 (S");
}

TEST(Process, GrandchildHoldingThePipesDoesNotHangTheParent) {
    PosixProcessRunner runner;
    auto started = monotonic_now();
    auto result = runner.run(shell("sleep 30 & exit 0", std::chrono::seconds(20)));
    ASSERT_TRUE(result);
    EXPECT_FALSE(result->timed_out);
    EXPECT_EQ(result->exit_code, 0);
    EXPECT_LT(monotonic_now() - started, 10'000'000'000);  // a bound far above the 100 ms poll, not a timing
}

TEST(Process, MissingProgramIsAnError) {
    PosixProcessRunner runner;
    auto result = runner.run(SpawnRequest{{"/nonexistent/python"}, {}, std::chrono::seconds(1), false});
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("cannot start /nonexistent/python"), std::string::npos);
}

TEST(Process, OwnPeakRssIsThisProcesssHighWaterMark) {
    // The mark covers the earlier tests of this process too: bound it by theirs.
    int64_t before = own_peak_rss_kb();
    std::vector<char> block(64u << 20, 1);  // touch 64 MiB
    int64_t peak = own_peak_rss_kb();
    EXPECT_GE(peak, 64 * 1024);
    EXPECT_GE(peak, before);
    EXPECT_LE(peak, before + 64 * 1024 + 32 * 1024) << "a high-water mark above what this process used";
    EXPECT_EQ(block[block.size() / 2], 1);
}

TEST(Process, RunsInTheWorkingDirectory) {
    PosixProcessRunner runner;
    SpawnRequest request = shell("pwd");
    request.working_directory = "/tmp";
    auto result = runner.run(request);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->stdout_text, "/tmp\n");
}

}  // namespace lmms::base

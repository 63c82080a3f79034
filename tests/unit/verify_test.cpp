// run_verify with a fake runner: both trees replayed in their own directory,
// compared, and a tree whose entry came from elsewhere refused.

#include <gtest/gtest.h>

#include "verify/verify.hpp"

namespace lmms::verify {

namespace {

/// Answers each replay with the report lines kept for its working directory.
class FakeRunner final : public base::ProcessRunner {
public:
    std::map<std::string, std::vector<std::string>> reports;
    std::vector<std::string> directories;

    Expected<base::ProcessResult> run(const base::SpawnRequest& request) override {
        directories.push_back(request.working_directory.string());
        base::ProcessResult result;
        result.exit_code = 0;
        for (const std::string& line : reports.at(request.working_directory.string()))
            result.report.push_back({line, 0});
        return result;
    }
};

std::vector<std::string> report_from(const std::string& entry_file, const std::string& status) {
    return {"python\t3.11.2\t/usr/bin/python3\tcpython", "replay_import\t\t\t\t\t" + entry_file,
            "outcome\t1\t1000\tjson\t{\"status\": " + status + "}\t\t\t\t", "done"};
}

VerifyOptions options_for() {
    VerifyOptions options;
    options.project = "/work/project";
    options.reference_dir = "/tmp/reference";
    options.python = "/usr/bin/python3";
    options.workload.kind = "events";
    options.workload.file = "events.jsonl";
    options.workload.module = "app.handler";
    options.workload.function = "handler";
    options.workload.events = {{1, "get"}};
    options.profiling = Profiling::skip;
    return options;
}

const VerifyProgress k_quiet = [](const std::string&, const std::string&, size_t, size_t) {};

TEST(Verify, BothTreesRunInTheirOwnDirectoryAndCompareEqual) {
    FakeRunner runner;
    runner.reports["/tmp/reference"] = report_from("/tmp/reference/app/handler.py", "200");
    runner.reports["/work/project"] = report_from("/work/project/app/handler.py", "200");
    auto result = run_verify(options_for(), runner, k_quiet);
    ASSERT_TRUE(result.has_value()) << result.error().message;
    EXPECT_EQ(runner.directories, (std::vector<std::string>{"/tmp/reference", "/work/project"}));
    EXPECT_TRUE(model::identical(*result));
    EXPECT_EQ(result->invocations, 1u);
    EXPECT_EQ(result->no_measurement, "--no-profile");
    ASSERT_EQ(result->first_calls.size(), 1u);
}

TEST(Verify, ADifferentResultIsADifference) {
    FakeRunner runner;
    runner.reports["/tmp/reference"] = report_from("/tmp/reference/app/handler.py", "200");
    runner.reports["/work/project"] = report_from("/work/project/app/handler.py", "500");
    VerifyOptions options = options_for();
    options.profiling = Profiling::measure;  // but not when the trees differ
    auto result = run_verify(options, runner, k_quiet);
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->differences.size(), 1u);
    EXPECT_EQ(result->differences[0].fields[0].working, R"({"status": 500})");
    EXPECT_EQ(result->no_measurement, "the trees behave differently");
    EXPECT_EQ(runner.directories.size(), 2u);
}

TEST(Verify, AnEntryImportedFromOutsideTheTreeIsRefused) {
    FakeRunner runner;
    runner.reports["/tmp/reference"] = report_from("/work/project/app/handler.py", "200");
    auto result = run_verify(options_for(), runner, k_quiet);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(
        result.error().message,
        "the reference tree imported the entry from /work/project/app/handler.py, not from the tree itself");
}

}  // namespace

}  // namespace lmms::verify

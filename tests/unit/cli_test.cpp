#include "cli/cli.hpp"
#include "cli/options.hpp"

#include <algorithm>
#include <sstream>

#include <gtest/gtest.h>

namespace lmms::cli {

namespace {

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome run_lmms(std::vector<std::string> args) {
    std::ostringstream out, err;
    int code = run(args, out, err, false);
    return {code, out.str(), err.str()};
}

}  // namespace

TEST(Cli, CommandTableIsSorted) {
    auto table = commands();
    EXPECT_TRUE(std::is_sorted(table.begin(), table.end(),
                               [](const Command& a, const Command& b) { return a.name < b.name; }));
}

TEST(Cli, HelpListsEveryCommand) {
    Outcome outcome = run_lmms({});
    EXPECT_EQ(outcome.code, k_exit_ok);
    for (const Command& command : commands())
        EXPECT_NE(outcome.out.find(std::string(command.name)), std::string::npos) << command.name;
}

TEST(Cli, UnknownCommandSuggestsTheClosest) {
    Outcome outcome = run_lmms({"profil"});
    EXPECT_EQ(outcome.code, k_exit_input);
    EXPECT_EQ(outcome.err,
              "error: unknown command `profil`; did you mean `profile`?\n"
              "Run `lmms help` for the list of commands.\n");
}

TEST(Cli, UnknownOptionSuggestsTheClosest) {
    Outcome outcome = run_lmms({"profile", "--rnus", "3"});
    EXPECT_EQ(outcome.code, k_exit_input);
    EXPECT_NE(outcome.err.find("did you mean `--runs`?"), std::string::npos) << outcome.err;
}

TEST(Cli, AnUpperCaseCommandIsNamedInLowerCase) {
    Outcome outcome = run_lmms({"PROFILE"});
    EXPECT_EQ(outcome.code, k_exit_input);
    EXPECT_EQ(outcome.err,
              "error: unknown command `PROFILE`; did you mean `profile`? (commands are lower case)\n"
              "Run `lmms help` for the list of commands.\n");
}

TEST(Cli, HelpHasItsOwnHelp) {
    Outcome outcome = run_lmms({"help", "--help"});
    EXPECT_EQ(outcome.code, k_exit_ok);
    EXPECT_NE(outcome.out.find("Usage: lmms help [COMMAND]"), std::string::npos)
        << outcome.out << outcome.err;
}

TEST(Cli, RangeErrorsSayWhatIsExpected) {
    Outcome runs = run_lmms({"profile", "--runs", "-1"});
    EXPECT_EQ(runs.code, k_exit_input);
    EXPECT_TRUE(runs.err.starts_with("error: --runs: expected a whole number from 1 to 10000, got `-1`\n"))
        << runs.err;
    EXPECT_TRUE(run_lmms({"baseline", "--runs", "abc"})
                    .err.starts_with("error: --runs: expected a whole number from 1 to 10000, got `abc`\n"));
    Outcome timeout = run_lmms({"compare", "--timeout", "0"});
    EXPECT_TRUE(timeout.err.starts_with("error: --timeout: expected a number of seconds > 0")) << timeout.err;
}

TEST(Cli, EveryCommandThatRunsTheEntryTakesTheSharedOptions) {
    for (const char* command : {"baseline", "compare", "profile", "run"})
        for (const char* option : {"--entry", "--python", "--timeout", "--runs", "--project"}) {
            Outcome outcome = run_lmms({"help", command});
            EXPECT_NE(outcome.out.find(option), std::string::npos) << command << " " << option;
        }
}

TEST(Cli, CommandHelpExitsZero) {
    Outcome outcome = run_lmms({"help", "profile"});
    EXPECT_EQ(outcome.code, k_exit_ok);
    EXPECT_NE(outcome.out.find("--entry"), std::string::npos);
}

TEST(Cli, ErrorsNameTheLocationAndIndentTheDetail) {
    std::ostringstream err;
    int code = report_error(Error{"bad thing", "file.toml:3", "line one\nline two", ErrorKind::input}, err);
    EXPECT_EQ(code, k_exit_input);
    EXPECT_EQ(err.str(), "error: file.toml:3: bad thing\n  line one\n  line two\n");
    std::ostringstream internal;
    EXPECT_EQ(report_error(Error{"bug", "", "", ErrorKind::internal}, internal), k_exit_internal);
}

TEST(Cli, SharedArgumentsPassOnTheChosenOptionsThatAreSet) {
    SharedFlags flags;
    flags.python = "/usr/bin/python3";
    flags.runs = 5;
    flags.timeout = 2.5;
    EXPECT_EQ(shared_arguments(flags, k_entry_options | SharedOption::format),
              (std::vector<std::string>{"--python", "/usr/bin/python3", "--runs", "5", "--timeout", "2.5"}));
    flags.entry = "app.main:handler";
    flags.format = "json";
    EXPECT_EQ(shared_arguments(flags, SharedOption::entry | SharedOption::format),
              (std::vector<std::string>{"--entry", "app.main:handler", "--format", "json"}));
}

}  // namespace lmms::cli

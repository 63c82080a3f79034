#pragma once
/// The command-line layer: the only code that prints errors or picks exit codes.

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace lmms::cli {

enum ExitCode : int {
    k_exit_ok = 0,
    k_exit_findings = 1,       ///< findings or a regression
    k_exit_input = 2,          ///< usage or input error
    k_exit_internal = 3,       ///< a bug in LMMS
    k_exit_signal_base = 128,  ///< + the signal that interrupted it (SIGINT: 130), as shells report
};

struct Context {
    std::vector<std::string> args;  ///< after the command name
    std::ostream& out;
    std::ostream& err;
    bool err_is_terminal = false;
    bool record_history =
        true;  ///< measurements go into .lmms/history.sqlite (off when one command measures for another)
};

struct Command {
    std::string_view name;
    std::string_view summary;
    int (*run)(Context& context);
};

/// Every command, sorted by name (a unit test checks the order).
std::span<const Command> commands();

/// Runs `lmms ARGS...`; returns the exit code.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool err_is_terminal);

/// Runs another command with `args`, its stdout kept in `out` (its stderr,
/// progress and errors, go to the caller's); returns its exit code.
int run_captured(int (*command)(Context&), std::vector<std::string> args, Context& context, std::string& out);

/// Prints `error: <location>: <message>` and the detail; returns the exit code for it.
int report_error(const Error& error, std::ostream& err);

int run_baseline(Context& context);
int run_compare(Context& context);
int run_fastpath(Context& context);
int run_fix(Context& context);
int run_history(Context& context);
int run_init(Context& context);
int run_plan(Context& context);
int run_profile(Context& context);
int run_run(Context& context);
int run_scan(Context& context);
int run_usage(Context& context);
int run_verify(Context& context);

}  // namespace lmms::cli

#include "cli/cli.hpp"

#include <array>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "base/stop_signal.hpp"
#include "base/strings.hpp"

namespace lmms::cli {

namespace {

int run_help(Context& context);

constexpr std::array<Command, 13> k_commands = {{
    {"baseline", "record the cold start that lmms compare measures against (20 runs, every sample)",
     run_baseline},
    {"compare", "measure again and compare with the baseline: exit 1 on a significant regression",
     run_compare},
    {"fastpath", "write the fast-path file from the plan, or --check that it is current", run_fastpath},
    {"fix", "apply the plan to the source: lazy imports, the entry through the fast path (--diff, --check)",
     run_fix},
    {"help", "show the commands, or one command's options", run_help},
    {"history", "the cold start's trend over every measurement, and slow creep: exit 1 on a rise",
     run_history},
    {"init", "write [tool.lmms], a fast_path.py skeleton and tests/test_fast_path.py", run_init},
    {"plan", "classify every import with the tier table: what to make lazy, keep or document", run_plan},
    {"profile", "measure the entry's cold start and every import's cost", run_profile},
    {"run", "the whole pipeline: profile, usage (when a workload is set), then the plan", run_run},
    {"scan", "list the project's import sites (the Python scanner)", run_scan},
    {"usage", "measure how often each import is really used on a workload", run_usage},
    {"verify", "compare the working tree with the one before the change on the workload, then profile both",
     run_verify},
}};

void print_usage(std::ostream& out) {
    out << "lmms " << LMMS_VERSION
        << " - the Lazy Module Management System: fast Python start-up, measured\n\n"
           "usage: lmms <command> [options]\n\ncommands:\n";
    for (const Command& command : k_commands)
        out << fmt::format("  {:<10}{}\n", command.name, command.summary);
    out << "\nRun `lmms <command> --help` for a command's options.\n";
}

const Command* find_command(std::string_view name) {
    for (const Command& command : k_commands)
        if (command.name == name)
            return &command;
    return nullptr;
}

std::string lower_case(std::string_view text) {
    std::string lower(text);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return lower;
}

int unknown_command(std::string_view name, std::ostream& err) {
    std::vector<std::string_view> names;
    names.reserve(k_commands.size());
    for (const Command& command : k_commands)
        names.push_back(command.name);
    err << fmt::format("error: unknown command `{}`", name);
    std::string lower = lower_case(name);
    if (lower != name && find_command(lower) != nullptr)
        err << fmt::format("; did you mean `{}`? (commands are lower case)", lower);
    else if (auto match = base::closest_match(name, names))
        err << fmt::format("; did you mean `{}`?", *match);
    err << "\nRun `lmms help` for the list of commands.\n";
    return k_exit_input;
}

int run_help(Context& context) {
    const std::vector<std::string>& args = context.args;
    if (!args.empty() && (args.front() == "--help" || args.front() == "-h")) {
        context.out << "Show the commands, or one command's options.\n"
                       "Usage: lmms help [COMMAND]\n\n"
                       "  lmms help           the commands and what each does\n"
                       "  lmms help COMMAND   COMMAND's options (as `lmms COMMAND --help`)\n";
        return k_exit_ok;
    }
    if (context.args.empty()) {
        print_usage(context.out);
        return k_exit_ok;
    }
    const Command* command = find_command(context.args.front());
    if (command == nullptr)
        return unknown_command(context.args.front(), context.err);
    Context help{{"--help"}, context.out, context.err, context.err_is_terminal};
    return command->run(help);
}

}  // namespace

std::span<const Command> commands() {
    return k_commands;
}

int run_captured(int (*command)(Context&), std::vector<std::string> args, Context& context,
                 std::string& out) {
    std::ostringstream captured;
    Context inner{std::move(args), captured, context.err, context.err_is_terminal, context.record_history};
    int code = command(inner);
    out = captured.str();
    return code;
}

int report_error(const Error& error, std::ostream& err) {
    err << "error: ";
    if (!error.location.empty())
        err << error.location << ": ";
    err << error.message << "\n";
    for (std::string_view line : base::split_lines(error.detail))
        err << "  " << line << "\n";
    if (error.kind == ErrorKind::interrupted)
        return k_exit_signal_base + base::stop_signal();
    return error.kind == ErrorKind::internal ? k_exit_internal : k_exit_input;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool err_is_terminal) {
    if (args.empty() || args.front() == "--help" || args.front() == "-h") {
        print_usage(out);
        return k_exit_ok;
    }
    if (args.front() == "--version" || args.front() == "-V") {
        out << "lmms " << LMMS_VERSION << "\n";
        return k_exit_ok;
    }
    const Command* command = find_command(args.front());
    if (command == nullptr)
        return unknown_command(args.front(), err);
    Context context{{args.begin() + 1, args.end()}, out, err, err_is_terminal};
    int code = command->run(context);
    // A stop signal that arrived while no child ran still ends the command as the shell expects.
    if (int signal = base::stop_signal(); signal != 0 && code < k_exit_signal_base) {
        err << "error: interrupted by " << base::stop_signal_name(signal) << "\n";
        return k_exit_signal_base + signal;
    }
    return code;
}

}  // namespace lmms::cli

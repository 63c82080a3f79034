#include "cli/options.hpp"

#include <charconv>
#include <cmath>
#include <ostream>

#include <fmt/format.h>

#include "base/strings.hpp"

namespace lmms::cli {

namespace {

constexpr int k_max_runs = 10'000;
constexpr double k_max_timeout_seconds = 86'400;

/// A validator whose message CLI11 prints after the option's name:
/// "--runs: expected a whole number from 1 to 10000, got `-1`".
CLI::Validator check(std::function<bool(const std::string&)> accepts, std::string expected) {
    return CLI::Validator(
        [accepts = std::move(accepts), expected = std::move(expected)](std::string& value) {
            return accepts(value) ? std::string() : fmt::format("expected {}, got `{}`", expected, value);
        },
        "", "");
}

bool is_run_count(const std::string& text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && value >= 1 && value <= k_max_runs;
}

bool is_timeout(const std::string& text) {
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    return !text.empty() && end == text.c_str() + text.size() && std::isfinite(value) && value > 0 &&
           value <= k_max_timeout_seconds;
}

/// "unknown option `--rnus`; did you mean `--runs`?" for the first unknown
/// option, or nothing when every option is known. A negative number is a value.
std::string unknown_option(const CLI::App& app, const std::vector<std::string>& args) {
    std::vector<std::string> names{"--help"};
    for (const CLI::Option* option : app.get_options())
        for (const std::string& name : option->get_lnames())
            names.push_back("--" + name);
    std::vector<std::string_view> views(names.begin(), names.end());
    for (const std::string& arg : args) {
        if (!arg.starts_with("-") || arg == "-" ||
            (arg.size() > 1 && (std::isdigit(arg[1]) || arg[1] == '.')))
            continue;
        std::string flag = arg.substr(0, arg.find('='));
        if (std::find(names.begin(), names.end(), flag) != names.end() || flag == "-h")
            continue;
        std::string message = "unknown option `" + flag + "`";
        if (auto match = base::closest_match(flag, views))
            message += "; did you mean `" + *match + "`?";
        return message;
    }
    return "";
}

}  // namespace

void add_shared_options(CLI::App& app, SharedFlags& flags, SharedOption which,
                        const SharedDefaults& defaults) {
    if (has_option(which, SharedOption::project))
        app.add_option("--project", flags.project, "project directory (default: nearest with [tool.lmms])");
    if (has_option(which, SharedOption::python))
        app.add_option("--python", flags.python,
                       "interpreter (config: python; else $VIRTUAL_ENV, ./.venv, ./venv, python3 on PATH)");
    if (has_option(which, SharedOption::entry))
        app.add_option("--entry", flags.entry, defaults.entry);
    if (has_option(which, SharedOption::runs))
        app.add_option("--runs", flags.runs,
                       fmt::format("fresh-interpreter runs, 1 to {} ({})", k_max_runs, defaults.runs))
            ->check(check(is_run_count, fmt::format("a whole number from 1 to {}", k_max_runs)));
    if (has_option(which, SharedOption::timeout))
        app.add_option("--timeout", flags.timeout, defaults.timeout)
            ->check(check(is_timeout,
                          fmt::format("a number of seconds > 0 (at most {:g})", k_max_timeout_seconds)));
    if (has_option(which, SharedOption::format)) {
        std::vector<std::string> formats = defaults.formats;
        app.add_option("--format", flags.format, defaults.format_help)
            ->check(check(
                [formats](const std::string& value) {
                    return std::find(formats.begin(), formats.end(), value) != formats.end();
                },
                fmt::format("one of {}", fmt::join(formats, ", "))));
    }
}

std::vector<std::string> shared_arguments(const SharedFlags& flags, SharedOption which) {
    std::vector<std::string> args;
    auto add = [&](SharedOption option, const char* name, const std::string& value) {
        if (has_option(which, option) && !value.empty())
            args.insert(args.end(), {name, value});
    };
    add(SharedOption::project, "--project", flags.project);
    add(SharedOption::python, "--python", flags.python);
    add(SharedOption::entry, "--entry", flags.entry);
    add(SharedOption::runs, "--runs", flags.runs > 0 ? std::to_string(flags.runs) : "");
    add(SharedOption::timeout, "--timeout", flags.timeout > 0 ? fmt::format("{}", flags.timeout) : "");
    add(SharedOption::format, "--format", flags.format == "text" ? "" : flags.format);
    return args;
}

std::optional<int> parse_options(CLI::App& app, Context& context) {
    std::vector<std::string> reversed(context.args.rbegin(), context.args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        context.out << app.help();
        return k_exit_ok;
    } catch (const CLI::ParseError& error) {
        std::string unknown = unknown_option(app, context.args);
        context.err << "error: " << (unknown.empty() ? std::string(error.what()) : unknown) << "\n"
                    << "Run `" << app.get_name() << " --help` for the options.\n";
        return k_exit_input;
    }
    return std::nullopt;
}

}  // namespace lmms::cli

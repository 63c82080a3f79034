#pragma once
/// Option parsing for one command, with CLI11, plus "did you mean" for
/// mistyped options; and the options several commands share, declared once.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

namespace lmms::cli {

/// The options commands share: each one's name, help and check live in one
/// table (options.cpp); a command picks the ones it takes.
enum class SharedOption : unsigned {
    project = 1u << 0,
    python = 1u << 1,
    entry = 1u << 2,
    runs = 1u << 3,
    timeout = 1u << 4,
    format = 1u << 5,
};

constexpr SharedOption operator|(SharedOption a, SharedOption b) {
    return static_cast<SharedOption>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}

constexpr bool has_option(SharedOption set, SharedOption option) {
    return (static_cast<unsigned>(set) & static_cast<unsigned>(option)) != 0;
}

/// Every command that runs the entry takes these.
constexpr SharedOption k_entry_options = SharedOption::project | SharedOption::python | SharedOption::entry |
                                         SharedOption::runs | SharedOption::timeout;

/// The values of the shared options; empty or 0 when not given.
struct SharedFlags {
    std::string project;
    std::string python;
    std::string entry;
    int runs = 0;
    double timeout = 0;
    std::string format = "text";
};

/// What differs per command: the defaults its help states, the formats it writes.
struct SharedDefaults {
    std::string runs = "config: runs; default 10";
    std::string timeout = "seconds per run before its process group is killed (config: timeout; default 120)";
    std::string entry = "MODULE[:FUNCTION] to import (config: entry)";
    std::vector<std::string> formats{"text", "json"};
    std::string format_help = "text or json";
};

/// Adds the options in `which` to `app`, bound to `flags`.
void add_shared_options(CLI::App& app, SharedFlags& flags, SharedOption which,
                        const SharedDefaults& defaults = {});

/// The options in `which` that are set (non-empty, > 0) as arguments, for passing
/// them on to another command; `--format` only when it is not "text".
std::vector<std::string> shared_arguments(const SharedFlags& flags, SharedOption which);

/// Parses `context.args`; returns an exit code when the command must stop
/// here (help printed: 0; usage error printed: 2).
std::optional<int> parse_options(CLI::App& app, Context& context);

}  // namespace lmms::cli

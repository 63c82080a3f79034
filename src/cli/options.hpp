#pragma once
/// Option parsing for one command, with CLI11, plus "did you mean" for
/// mistyped options.

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/cli.hpp"

namespace lmms::cli {

/// Parses `context.args`; returns an exit code when the command must stop
/// here (help printed: 0; usage error printed: 2).
std::optional<int> parse_options(CLI::App& app, Context& context);

}  // namespace lmms::cli

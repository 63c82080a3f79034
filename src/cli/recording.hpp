#pragma once
/// Every measurement goes into the project's history (.lmms/history.sqlite).

#include <filesystem>
#include <string>

#include "cli/cli.hpp"
#include "model/recording.hpp"

namespace lmms::cli {

/// Appends `recording`, with the project's git commit, unless
/// `context.record_history` is off. A database that cannot take it (corrupt,
/// locked, newer) is an error printed with where the measurement is kept
/// (`kept_in`): returns k_exit_input then, else k_exit_ok.
int record_history(const std::filesystem::path& project, model::Recording recording,
                   const std::string& kept_in, Context& context);

}  // namespace lmms::cli

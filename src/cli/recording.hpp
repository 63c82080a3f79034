#pragma once
/// Every measurement goes into the project's history (.lmms/history.sqlite).

#include <filesystem>
#include <string>

#include "cli/cli.hpp"
#include "model/recording.hpp"

namespace lmms::cli {

/// Now, as the captures and the snapshot stamp it: 2026-12-02T14:57:08Z (UTC).
std::string now_iso8601();

/// Appends `recording`, with the project's git commit, unless
/// `context.record_history` is off. A database that cannot take it (corrupt,
/// locked, newer) gets a warning saying where the measurement is kept
/// (`kept_in`); the command's result stands: the history is a record of
/// measurements, never a reason to fail one.
void record_history(const std::filesystem::path& project, model::Recording recording,
                    const std::string& kept_in, Context& context);

}  // namespace lmms::cli

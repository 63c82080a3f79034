#pragma once
/// `.lmms/history.sqlite`: one row per measurement (lmms profile, baseline,
/// compare) with its cold-start statistics and every module's and package's
/// import time, so `lmms history` can show the trend and find slow
/// creep. The database is only ever appended to, one transaction per recording.

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "model/recording.hpp"

namespace lmms::store {

/// PRAGMA user_version of the databases this version writes.
inline constexpr int k_history_schema_version = 1;

/// Appends `recording` in one transaction, creating the database if needed.
/// A corrupt, locked or newer-schema database is an error naming `display`;
/// the database is left as it was.
Expected<void> append_recording(const std::filesystem::path& database, const model::Recording& recording,
                                const std::string& display,
                                std::chrono::milliseconds busy_timeout = std::chrono::milliseconds{2000});

/// Every recording, oldest first. The database is never created here.
Expected<std::vector<model::Recording>> read_recordings(const std::filesystem::path& database,
                                                        const std::string& display);

}  // namespace lmms::store

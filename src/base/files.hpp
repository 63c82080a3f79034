#pragma once
/// File access used by every command. Writes are atomic: a temporary file in
/// the same directory, flushed, then renamed over the target.

#include <filesystem>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace lmms::base {

Expected<std::string> read_file(const std::filesystem::path& path);

/// Writes `content` to `path` via a temporary sibling and rename(2); on any
/// error the target is left exactly as it was and no temporary remains.
Expected<void> write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Creates `dir` (and parents) and checks that a file can be created in it.
Expected<void> ensure_writable_directory(const std::filesystem::path& dir);

/// Checks, creating nothing, that ensure_writable_directory(dir) can succeed:
/// `dir` is a writable directory, or its nearest existing ancestor is one.
/// For a check before a long measurement that writes into `dir` at the end.
Expected<void> check_writable_directory(const std::filesystem::path& dir);

/// `path` relative to `root` with '/' separators when it lies under it,
/// otherwise `path` unchanged.
std::string relative_to(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace lmms::base

#pragma once
/// What git says of a directory: the commit checked out and whether tracked
/// files changed since. Asked of /usr/bin/git directly (no shell), with a timeout.

#include <filesystem>
#include <optional>
#include <string>

#include "base/process.hpp"

namespace lmms::base {

struct GitState {
    std::string commit;  ///< full hash of HEAD
    bool dirty = false;  ///< tracked files under `dir` (but .lmms/) differ from HEAD
};

/// nullopt outside a work tree, without git, or before the first commit.
std::optional<GitState> git_state(const std::filesystem::path& dir, ProcessRunner& runner);

}  // namespace lmms::base

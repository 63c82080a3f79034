#pragma once
/// What git says of a directory: the commit checked out, whether tracked
/// files changed since, and which files have uncommitted changes. Asked of
/// /usr/bin/git directly (no shell), with a timeout.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/process.hpp"

namespace lmms::base {

struct GitState {
    std::string commit;  ///< full hash of HEAD
    bool dirty = false;  ///< tracked files under `dir` (but .lmms/) differ from HEAD
};

/// nullopt outside a work tree, without git, or before the first commit.
std::optional<GitState> git_state(const std::filesystem::path& dir, ProcessRunner& runner);

/// The top of the git work tree holding `dir` (absolute, as git prints it);
/// nullopt outside a work tree, without git, or when git cannot read it.
std::optional<std::filesystem::path> git_work_tree(const std::filesystem::path& dir, ProcessRunner& runner);

/// Of `files` (relative to `project`, '/'-separated), those with uncommitted
/// changes: modified, staged, untracked, deleted or in a merge conflict, as
/// `git status --porcelain -z -- <files>` lists them; sorted, relative to
/// `project` even when the repository's root is above it. Nothing under
/// `.lmms/` counts. Empty, not an error, outside a git work tree or without
/// git (ask git_work_tree which); an error when a `.git` is there but git
/// fails (e.g. "dubious ownership"), so a safety check never passes unseen.
Expected<std::vector<std::string>> uncommitted_files(const std::filesystem::path& project,
                                                     const std::vector<std::string>& files,
                                                     ProcessRunner& runner);

}  // namespace lmms::base

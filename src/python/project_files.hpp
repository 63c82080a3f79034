#pragma once
/// The Python files of a project: what git lists (tracked and untracked, not
/// ignored) when the root is in a git work tree, otherwise a directory walk
/// that skips .venv, __pycache__ and hidden folders. Sorted, '/'-separated,
/// relative to the project directory.

#include <filesystem>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/process.hpp"

namespace lmms::python {

Expected<std::vector<std::string>> project_files(const std::filesystem::path& project_dir,
                                                 const std::vector<std::filesystem::path>& roots,
                                                 base::ProcessRunner& runner);

}  // namespace lmms::python

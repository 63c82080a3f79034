#pragma once
/// What every command that runs the user's code needs first: the project
/// directory, its configuration, the interpreter and the source roots.

#include <filesystem>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "config/config.hpp"
#include "config/interpreter.hpp"
#include "python/project_files.hpp"

namespace lmms::cli {

struct ProjectSetup {
    std::filesystem::path project;  ///< absolute
    config::Config config;
    config::Interpreter python;
    std::vector<std::string> src;                  ///< as configured ("." by default)
    std::vector<std::filesystem::path> src_roots;  ///< absolute

    /// The source roots relative to the project ("." for the project itself),
    /// as python::module_for_path takes them.
    std::vector<std::string> relative_roots() const;

    /// The files planned, as [tool.lmms] `include`, `exclude` and `extend-exclude` say.
    python::FileScope file_scope() const;
};

/// How the interpreter is looked for in `project`: `python_flag` (may be
/// empty), the configuration, the environment's $VIRTUAL_ENV and $PATH.
config::InterpreterQuery interpreter_query(const std::filesystem::path& project, const config::Config& config,
                                           const std::string& python_flag);

/// `project_flag` empty: the nearest directory with a configuration.
/// `python_flag` empty: config, $VIRTUAL_ENV, ./.venv, then python3 on PATH.
/// Commands that only read captures pass `needs_python` false.
Expected<ProjectSetup> setup_project(const std::string& project_flag, const std::string& python_flag,
                                     bool needs_python = true);

}  // namespace lmms::cli

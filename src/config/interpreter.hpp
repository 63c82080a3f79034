#pragma once
/// Finds the Python interpreter the way users expect: --python, the
/// configuration, $VIRTUAL_ENV, the project's own environment (./.venv,
/// ./venv), then python3 on PATH.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace lmms::config {

struct InterpreterQuery {
    std::optional<std::string> flag;         ///< --python
    std::optional<std::string> configured;   ///< `python` in the configuration
    std::string config_file;                 ///< for messages
    std::optional<std::string> virtual_env;  ///< $VIRTUAL_ENV
    std::filesystem::path project_dir;
    std::string path_variable;  ///< $PATH
};

struct Interpreter {
    std::filesystem::path path;
    std::string source;  ///< "--python", "config", "VIRTUAL_ENV", ".venv", "venv", "PATH"
};

/// Why an interpreter was chosen, for the profile header and errors:
/// "--python", "the configuration", "$VIRTUAL_ENV", "the project's ./.venv",
/// "the first python3 on PATH".
std::string describe_source(std::string_view source);

Expected<Interpreter> find_interpreter(const InterpreterQuery& query);

/// Whether `path` is a script (`#!`) that starts the real interpreter, as a pyenv or
/// asdf shim is: its own start-up is then part of every measured cold start.
bool is_wrapper_script(const std::filesystem::path& path);

}  // namespace lmms::config

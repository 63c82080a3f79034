#include "config/interpreter.hpp"

#include <unistd.h>

#include <fstream>

#include <fmt/format.h>

namespace lmms::config {

namespace fs = std::filesystem;

namespace {

bool is_executable(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

/// A name without '/' is looked up on PATH, as a shell would.
std::optional<fs::path> search_path(const std::string& name, const std::string& path_variable) {
    size_t start = 0;
    while (start <= path_variable.size()) {
        size_t end = path_variable.find(':', start);
        if (end == std::string::npos)
            end = path_variable.size();
        fs::path dir = path_variable.substr(start, end - start);
        if (dir.empty())
            dir = ".";
        if (is_executable(dir / name))
            return dir / name;
        start = end + 1;
    }
    return std::nullopt;
}

Expected<Interpreter> explicit_interpreter(const std::string& value, const std::string& source,
                                           const std::string& shown_source, const InterpreterQuery& query) {
    fs::path path = value;
    if (value.find('/') == std::string::npos) {
        if (auto found = search_path(value, query.path_variable))
            return Interpreter{*found, source};
    } else {
        if (path.is_relative() && source == "config")
            path = query.project_dir / path;
        if (is_executable(path))
            return Interpreter{path, source};
    }
    return make_error(fmt::format("Python interpreter not found: {} (from {})", value, shown_source));
}

}  // namespace

Expected<Interpreter> find_interpreter(const InterpreterQuery& query) {
    if (query.flag)
        return explicit_interpreter(*query.flag, "--python", "--python", query);
    if (query.configured)
        return explicit_interpreter(*query.configured, "config", query.config_file, query);
    if (query.virtual_env && !query.virtual_env->empty()) {
        fs::path candidate = fs::path(*query.virtual_env) / "bin" / "python";
        if (is_executable(candidate))
            return Interpreter{candidate, "VIRTUAL_ENV"};
    }
    // The project's own environment, before whatever python3 comes first on PATH (a pyenv shim, say).
    for (const char* name : {".venv", "venv"}) {
        fs::path local = query.project_dir / name / "bin" / "python";
        if (is_executable(local))
            return Interpreter{local, name};
    }
    if (auto found = search_path("python3", query.path_variable))
        return Interpreter{*found, "PATH"};
    return make_error(
        "no Python interpreter found (tried --python, the configuration, $VIRTUAL_ENV, "
        "./.venv, ./venv and python3 on PATH); pass --python PATH");
}

bool is_wrapper_script(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    char start[2] = {};
    return file.read(start, 2) && start[0] == '#' && start[1] == '!';
}

std::string describe_source(std::string_view source) {
    if (source == "config")
        return "the configuration";
    if (source == "VIRTUAL_ENV")
        return "$VIRTUAL_ENV";
    if (source == ".venv" || source == "venv")
        return fmt::format("the project's ./{}", source);
    if (source == "PATH")
        return "the first python3 on PATH";
    return std::string(source);
}

}  // namespace lmms::config

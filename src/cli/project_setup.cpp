#include "cli/project_setup.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "base/files.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

namespace {

const char* environment_variable(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? "" : value;
}

}  // namespace

config::InterpreterQuery interpreter_query(const fs::path& project, const config::Config& config,
                                           const std::string& python_flag) {
    config::InterpreterQuery query;
    if (!python_flag.empty())
        query.flag = python_flag;
    query.configured = config.python;
    query.config_file = config.file.string();
    query.virtual_env = environment_variable("VIRTUAL_ENV");
    query.project_dir = project;
    query.path_variable = environment_variable("PATH");
    return query;
}

Expected<ProjectSetup> setup_project(const std::string& project_flag, const std::string& python_flag,
                                     bool needs_python) {
    std::error_code ec;
    ProjectSetup setup;
    setup.project = project_flag.empty() ? config::find_project_root(fs::current_path(ec))
                                         : fs::absolute(project_flag, ec);
    if (!fs::is_directory(setup.project, ec))
        return make_error("project directory not found", project_flag);
    setup.config = LMMS_TRY(config::load_config(setup.project));

    config::InterpreterQuery query = interpreter_query(setup.project, setup.config, python_flag);
    if (needs_python)
        setup.python = LMMS_TRY(config::find_interpreter(query));

    setup.src = setup.config.src.empty() ? std::vector<std::string>{"."} : setup.config.src;
    for (const std::string& root : setup.src) {
        fs::path absolute = (setup.project / root).lexically_normal();
        if (!fs::is_directory(absolute, ec))
            return make_error(fmt::format("source root `{}` is not a directory", root),
                              setup.config.src_line > 0
                                  ? fmt::format("{}:{}", setup.config.file.string(), setup.config.src_line)
                                  : setup.config.file.string());
        setup.src_roots.push_back(absolute);
    }
    return setup;
}

std::vector<std::string> ProjectSetup::relative_roots() const {
    std::vector<std::string> roots;
    roots.reserve(src_roots.size());
    for (const fs::path& root : src_roots)
        roots.push_back(base::relative_to(root, project));
    return roots;
}

python::FileScope ProjectSetup::file_scope() const {
    return {config.include, config::excluded_patterns(config)};
}

}  // namespace lmms::cli

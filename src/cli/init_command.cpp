// `lmms init`: adds [tool.lmms] to pyproject.toml (keeping every other byte),
// and writes a fast_path.py skeleton and tests/test_fast_path.py, the CI guard
// of LMMS-LESS-04. Never prompts; never overwrites without --force.

#include <algorithm>
#include <chrono>
#include <ostream>

#include <fmt/format.h>

#include "base/files.hpp"
#include "cli/cli.hpp"
#include "cli/entry.hpp"
#include "cli/options.hpp"
#include "cli/project_setup.hpp"
#include "config/config.hpp"
#include "config/interpreter.hpp"
#include "scaffold/project_init.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

namespace {

struct InitFlags {
    std::string project;
    std::string python;
    std::string entry;
    std::vector<std::string> src;
    std::string fast_path;
    bool force = false;
};

/// One file init looks at: what it would write there and what it did.
struct InitFile {
    std::string name;  ///< project-relative, '/'
    std::string content;
    std::string status;  ///< "created", "kept (...)", ...
    bool write = false;
};

/// The settings the files are generated from: flags over an existing configuration over defaults.
struct InitSettings {
    std::string entry;
    std::string entry_file;  ///< the entry's file, project-relative; empty when not found
    std::vector<std::string> src;
    std::string fast_path;
    std::string fast_path_module;
    config::Thresholds thresholds;
    std::string python;             ///< the interpreter found, as written; empty: none
    std::string python_reason;      ///< why it was chosen (config::describe_source)
    bool python_confirmed = false;  ///< the project's own environment or --python: written as the key
};

struct InitOutcome {
    fs::path project;
    InitSettings settings;
    std::vector<InitFile> files;
};

std::string today_utc() {
    auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    std::chrono::year_month_day date{days};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

/// `path` (a flag or config value) relative to the project, or an error when it lies outside.
Expected<std::string> project_relative(const fs::path& project, const std::string& path) {
    fs::path absolute = (project / path).lexically_normal();
    fs::path relative = absolute.lexically_relative(project.lexically_normal());
    if (relative.empty() || *relative.begin() == "..")
        return make_error(fmt::format("`{}` is outside the project directory", path));
    return relative.generic_string();
}

/// The entry module's file under the source roots (`a/b.py` or `a/b/__init__.py`), project-relative.
std::string find_module_file(const fs::path& project, const std::vector<std::string>& src,
                             const std::string& module) {
    std::string path = module;
    std::replace(path.begin(), path.end(), '.', '/');
    std::error_code ec;
    for (const std::string& root : src)
        for (const std::string& candidate : {path + ".py", path + "/__init__.py"}) {
            fs::path file = (project / root / candidate).lexically_normal();
            if (fs::is_regular_file(file, ec))
                return base::relative_to(file, project);
        }
    return "";
}

/// Where the fast path goes by default: beside the entry's file (or where it would be), or in the
/// first source root when there is no entry. Sets `settings.entry_file` when the file exists.
Expected<std::string> default_fast_path(const fs::path& project, InitSettings& settings) {
    std::string first_root = fs::path(settings.src.front()).lexically_normal().generic_string();
    if (settings.entry.empty())
        return scaffold::fast_path_beside(first_root + "/__init__.py");
    Entry entry = LMMS_TRY(parse_entry(settings.entry));
    settings.entry_file = find_module_file(project, settings.src, entry.module);
    if (!settings.entry_file.empty())
        return scaffold::fast_path_beside(settings.entry_file);
    std::string module_path = entry.module;
    std::replace(module_path.begin(), module_path.end(), '.', '/');
    return scaffold::fast_path_beside(first_root + "/" + module_path + ".py");
}

/// An error about a value names where the value came from: the flag, or the configuration file.
template <class T>
Expected<T> attributed(Expected<T> result, bool from_flag, std::string_view flag,
                       const config::Config& config) {
    if (result)
        return result;
    Error error = std::move(result).error();
    if (from_flag)
        error.message = fmt::format("{}: {}", flag, error.message);
    else if (error.location.empty())
        error.location = config.file.string();
    return tl::unexpected(std::move(error));
}

Expected<void> check_source_root(const fs::path& project, const std::string& root) {
    LMMS_TRY_VOID(project_relative(project, root));
    std::error_code ec;
    if (!fs::is_directory(project / root, ec))
        return make_error(fmt::format("source root `{}` is not a directory", root));
    return {};
}

/// The interpreter every command would use, found the same way; written as the key when it is
/// the project's own environment (or --python), else commented out for the user to confirm.
void find_python(const fs::path& project, const InitFlags& flags, const config::Config& config,
                 InitSettings& settings) {
    auto found = config::find_interpreter(interpreter_query(project, config, flags.python));
    if (!found)
        return;
    settings.python = found->path.string();
    settings.python_reason = config::describe_source(found->source);
    fs::path relative = found->path.lexically_normal().lexically_relative(project.lexically_normal());
    bool inside = !relative.empty() && *relative.begin() != "..";
    if (found->source == "--python")
        settings.python = flags.python;  // as the user wrote it: `python3`, `.venv/bin/python`
    else if (inside)
        settings.python = relative.generic_string();
    settings.python_confirmed = found->source == "--python" || found->source == "config" || inside;
}

Expected<InitSettings> resolve_settings(const fs::path& project, const InitFlags& flags,
                                        const config::Config& config) {
    InitSettings settings;
    bool entry_flag = !flags.entry.empty();
    bool src_flag = !flags.src.empty();
    bool fast_path_flag = !flags.fast_path.empty();
    settings.entry = entry_flag ? flags.entry : config.entry.value_or("");
    settings.src = src_flag ? flags.src : config.src;
    if (settings.src.empty())
        settings.src = {"."};
    for (const std::string& root : settings.src)
        LMMS_TRY_VOID(attributed(check_source_root(project, root), src_flag, "--src", config));
    std::string defaulted =
        LMMS_TRY(attributed(default_fast_path(project, settings), entry_flag, "--entry", config));
    std::string fast_path = fast_path_flag ? flags.fast_path : config.fast_path.value_or(defaulted);
    settings.fast_path =
        LMMS_TRY(attributed(project_relative(project, fast_path), fast_path_flag, "--fast-path", config));
    settings.fast_path_module = LMMS_TRY(attributed(
        scaffold::fast_path_module(settings.fast_path, settings.src), fast_path_flag, "--fast-path", config));
    settings.thresholds = config.thresholds;
    find_python(project, flags, config, settings);
    return settings;
}

/// The configuration file: pyproject.toml gains [tool.lmms] unless a configuration exists.
/// Reads the existing configuration into `config`.
Expected<InitFile> plan_config(const fs::path& project, const InitFlags& flags, config::Config& config,
                               InitSettings& settings) {
    std::error_code ec;
    fs::path pyproject = project / "pyproject.toml";
    std::optional<std::string> text;
    bool has_table = false;
    if (fs::exists(pyproject, ec)) {
        text = LMMS_TRY(base::read_file(pyproject));
        has_table = LMMS_TRY(scaffold::has_lmms_table(*text, "pyproject.toml"));
    }
    std::string_view even_forced = flags.force ? ", even with --force" : "";
    if (fs::exists(project / "lmms.toml", ec)) {
        config = LMMS_TRY(config::parse_config(LMMS_TRY(base::read_file(project / "lmms.toml")), "lmms.toml",
                                               config::ConfigFormat::lmms_toml));
        settings = LMMS_TRY(resolve_settings(project, flags, config));
        return InitFile{"lmms.toml", "",
                        fmt::format("kept (the configuration; init never rewrites it{})", even_forced),
                        false};
    }
    if (has_table) {
        config = LMMS_TRY(config::parse_config(*text, "pyproject.toml", config::ConfigFormat::pyproject));
        settings = LMMS_TRY(resolve_settings(project, flags, config));
        return InitFile{"pyproject.toml", "",
                        fmt::format("kept ([tool.lmms] exists; init never rewrites it{})", even_forced),
                        false};
    }
    settings = LMMS_TRY(resolve_settings(project, flags, config));
    scaffold::InitSection init_section;
    init_section.entry = settings.entry;
    init_section.src = settings.src;
    init_section.fast_path = settings.fast_path;
    init_section.python = settings.python;
    if (!settings.python_confirmed)
        init_section.python_unconfirmed = "found as " + settings.python_reason;
    std::string section = scaffold::lmms_section(init_section);
    std::string content = text ? scaffold::append_section(*text, section) : section;
    // A guard: what is written must be a configuration every command accepts.
    auto parsed = config::parse_config(content, "pyproject.toml", config::ConfigFormat::pyproject);
    if (!parsed)
        return make_error(fmt::format("cannot add [tool.lmms]: {}", parsed.error().message),
                          parsed.error().location);
    return InitFile{"pyproject.toml", content, text ? "[tool.lmms] added" : "created", true};
}

InitFile plan_file(const fs::path& project, std::string name, std::string content, bool force) {
    std::error_code ec;
    if (!fs::exists(project / name, ec))
        return {std::move(name), std::move(content), "created", true};
    if (!force)
        return {std::move(name), "", "kept (exists; --force to overwrite)", false};
    return {std::move(name), std::move(content), "overwritten", true};
}

Expected<InitOutcome> init(const InitFlags& flags) {
    std::error_code ec;
    InitOutcome outcome;
    outcome.project = fs::absolute(flags.project.empty() ? fs::current_path(ec) : fs::path(flags.project), ec)
                          .lexically_normal();
    if (!fs::is_directory(outcome.project, ec))
        return make_error("project directory not found", flags.project);
    const fs::path& project = outcome.project;
    config::Config config;
    InitSettings& settings = outcome.settings;
    outcome.files.push_back(LMMS_TRY(plan_config(project, flags, config, settings)));
    outcome.files.push_back(plan_file(project, settings.fast_path,
                                      scaffold::fast_path_skeleton(settings.thresholds, today_utc()),
                                      flags.force));
    // `python -m unittest` discovers tests/ only when it is a package.
    if (!fs::exists(project / "tests", ec))
        outcome.files.push_back(plan_file(project, "tests/__init__.py", "", false));
    scaffold::FastPathTest test;
    test.module = settings.fast_path_module;
    test.src = settings.src;
    outcome.files.push_back(
        plan_file(project, "tests/test_fast_path.py", scaffold::fast_path_test(test), flags.force));
    for (const InitFile& file : outcome.files) {
        if (!file.write)
            continue;
        fs::path path = project / file.name;
        fs::create_directories(path.parent_path(), ec);
        LMMS_TRY_VOID(base::write_file_atomic(path, file.content));
    }
    return outcome;
}

void print_outcome(const InitOutcome& outcome, std::ostream& out) {
    const InitSettings& settings = outcome.settings;
    size_t width = 0;
    for (const InitFile& file : outcome.files)
        width = std::max(width, file.name.size());
    out << fmt::format("lmms init: {}\n", outcome.project.string());
    for (const InitFile& file : outcome.files)
        out << fmt::format("  {:<{}}  {}\n", file.name, width, file.status);
    out << "\n";
    const std::string& config_name = outcome.files.front().name;
    if (settings.entry.empty())
        out << fmt::format(
            "The entry is not set: set `entry` {} (MODULE:FUNCTION, e.g. app.handler:handler) "
            "before `lmms profile`.\n",
            config_name == "lmms.toml" ? "in lmms.toml" : "under [tool.lmms] in pyproject.toml");
    else if (settings.entry_file.empty())
        out << fmt::format("Entry {}: its file was not found (yet).\n", settings.entry);
    else if (settings.entry_file == settings.entry)
        out << fmt::format("Entry {}.\n", settings.entry);
    else
        out << fmt::format("Entry {} ({}).\n", settings.entry, settings.entry_file);
    out << fmt::format("Fast path {} (module {}).\n", settings.fast_path, settings.fast_path_module);
    if (settings.python.empty())
        out << "Interpreter: none found; pass --python or set `python` before `lmms profile`.\n";
    else
        out << fmt::format(
            "Interpreter {} ({}){}.\n", settings.python, settings.python_reason,
            settings.python_confirmed ? "" : "; check it has the project's packages, or set `python`");
    out << "\nNext steps:\n"
        << "  lmms profile    measure the cold start and every import's cost\n"
        << "  lmms usage      measure how often each import is used (set `events` or `commands` first)\n"
        << "  lmms plan       the tier, action and predicted saving of every import site\n"
        << fmt::format("  lmms fastpath   write the hot path's imports into {}\n", settings.fast_path)
        << "  In CI: python3 -m pytest tests/test_fast_path.py  (or python3 -m unittest discover -s tests)\n";
}

}  // namespace

int run_init(Context& context) {
    CLI::App app{
        "Write [tool.lmms] into pyproject.toml (every other byte kept), a fast_path.py skeleton and\n"
        "tests/test_fast_path.py (the CI guard of LMMS-LESS-04). Never prompts; an existing\n"
        "configuration is kept, and an existing file is overwritten only with --force.",
        "lmms init"};
    InitFlags flags;
    app.add_option("--project", flags.project, "project directory (default: the current directory)");
    app.add_option("--python", flags.python,
                   "interpreter to write (default: $VIRTUAL_ENV, ./.venv, ./venv, python3 on PATH)");
    app.add_option("--entry", flags.entry,
                   "MODULE:FUNCTION or MODULE (config: entry; default: written commented out)");
    app.add_option("--src", flags.src, "source root, repeatable (config: src; default: .)");
    app.add_option("--fast-path", flags.fast_path,
                   "the fast path file, project-relative (config: fast-path; default: fast_path.py beside "
                   "the entry module)");
    app.add_flag("--force", flags.force,
                 "overwrite fast_path.py and tests/test_fast_path.py (never the [tool.lmms] table)");
    if (auto stop = parse_options(app, context))
        return *stop;
    auto outcome = init(flags);
    if (!outcome)
        return report_error(outcome.error(), context.err);
    print_outcome(*outcome, context.out);
    return k_exit_ok;
}

}  // namespace lmms::cli

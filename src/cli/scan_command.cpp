// `lmms scan`: the project's import sites and, in JSON, every fact the
// scanner extracts.

#include <malloc.h>

#include <ostream>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "config/config.hpp"
#include "python/project_files.hpp"
#include "python/scan.hpp"
#include "report/scan_report.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

namespace {

struct ScanFlags {
    std::vector<std::string> paths;
    std::string project;
    std::string format = "text";
    bool strict = false;
    bool no_references = false;
    unsigned threads = 0;
};

Expected<std::pair<fs::path, std::vector<fs::path>>> resolve_roots(const ScanFlags& flags) {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    fs::path project =
        flags.project.empty() ? config::find_project_root(cwd) : fs::absolute(flags.project, ec);
    if (!fs::is_directory(project, ec))
        return make_error("project directory not found", flags.project);
    std::vector<fs::path> roots;
    for (const std::string& path : flags.paths)
        roots.push_back(fs::absolute(path, ec).lexically_normal());
    if (roots.empty()) {
        config::Config config = LMMS_TRY(config::load_config(project));
        for (const std::string& root : config.src.empty() ? std::vector<std::string>{"."} : config.src)
            roots.push_back((project / root).lexically_normal());
    }
    return std::pair{project, roots};
}

}  // namespace

int run_scan(Context& context) {
    CLI::App app{
        "List the import sites of the project's Python files (the src roots, or PATHS).\n"
        "Skips .venv, __pycache__, hidden folders and what git ignores.",
        "lmms scan"};
    ScanFlags flags;
    app.add_option("paths", flags.paths, "files or directories (default: the configured src roots)");
    app.add_option("--project", flags.project, "project directory (default: nearest with [tool.lmms])");
    app.add_option("--format", flags.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    app.add_flag("--strict", flags.strict, "exit 1 when a file has a syntax error");
    app.add_flag("--no-references", flags.no_references, "json: leave out the name references");
    app.add_option("--threads", flags.threads, "worker threads (default: one per core)");
    if (auto stop = parse_options(app, context))
        return *stop;
    auto roots = resolve_roots(flags);
    if (!roots)
        return report_error(roots.error(), context.err);
    auto& [project, paths] = *roots;
    // A large file's text and facts come from the heap rather than an mmap of
    // their own, whose pages would fault in afresh (+5 % MB/s on one core).
    ::mallopt(M_MMAP_THRESHOLD, 256 << 20);
    ::mallopt(M_TRIM_THRESHOLD, 512 << 20);
    base::PosixProcessRunner runner;
    auto files = python::project_files(project, paths, runner);
    if (!files)
        return report_error(files.error(), context.err);
    // Only JSON prints references; otherwise each file's memory for them is reused by the next.
    bool print_references = flags.format == "json" && !flags.no_references;
    python::ScanResult result = python::scan_files(
        project, *files,
        {flags.threads, print_references ? python::References::keep : python::References::drop});
    for (const python::ScannedFile& file : result.files) {
        if (!file.read_error.empty())
            context.err << fmt::format("{}: error: {}\n", file.path, file.read_error);
        for (const python::SourceError& error : file.facts.errors)
            context.err << fmt::format("{}:{}:{}: syntax error: {}\n", file.path, error.line, error.col + 1,
                                       error.message);
    }
    if (flags.format == "json")
        report::write_scan_json(result, print_references, context.out);
    else
        context.out << report::scan_to_text(result);
    return flags.strict && result.summary.files_with_errors > 0 ? k_exit_findings : k_exit_ok;
}

}  // namespace lmms::cli

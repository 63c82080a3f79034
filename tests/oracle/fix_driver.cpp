// The fix property test's driver (tests/oracle/fix_property.py): for each
// file it reads, the function style applied to every module-level import
// there is, as if the plan had made all of them lazy. Not part of lmms: a
// test tool that links the library the binary links.
//
//   lmms_fix_driver --out DIR [--list FILE] [--threads N]
//
// Paths come one per line from FILE (default: standard input). Each file's
// result is written to DIR/<path> (the path made relative: a leading `/`
// dropped) when it changed, and one JSON line per file goes to standard
// output, in input order:
//   {"path", "sites", "moved": [{"statement", "line", "destinations"}],
//    "refused": [{"statement", "line", "reason"}], "passes", "changed", "error"}

#include <atomic>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fix/fixer.hpp"
#include "python/bindings.hpp"
#include "python/statement_text.hpp"

namespace {

using lmms::fix::FileFixResult;
using lmms::fix::LazyIntent;
using lmms::fix::SiteFix;

struct Options {
    std::filesystem::path out;
    std::string list;
    unsigned threads = 0;
};

/// One intent per module-level import site that could be lazy, with all its names.
std::vector<LazyIntent> every_module_level_import(const lmms::python::FileFacts& facts) {
    std::vector<LazyIntent> intents;
    for (const lmms::python::ImportSite& site : facts.imports) {
        if (site.scope != 0 || site.future || site.star)
            continue;
        LazyIntent intent{lmms::python::import_statement_text(site), {}, {}, false, {}};
        for (const lmms::python::ImportedName& name : site.names)
            intent.names.push_back(lmms::python::bound_name(site, name));
        intents.push_back(std::move(intent));
    }
    return intents;
}

nlohmann::json site_json(const SiteFix& fix) {
    nlohmann::json site = {{"statement", fix.statement}, {"line", fix.line}};
    if (fix.refused.empty())
        site["destinations"] = fix.destinations;
    else
        site["reason"] = fix.refused;
    return site;
}

std::string read_bytes(const std::string& path, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot read " + path;
        return "";
    }
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const std::filesystem::path& path, const std::string& bytes, std::string& error) {
    std::error_code code;
    std::filesystem::create_directories(path.parent_path(), code);
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    if (!out)
        error = "cannot write " + path.string();
}

/// Fixes one file and says what happened, as one JSON line.
std::string fix_one(const std::string& path, const Options& options) {
    nlohmann::json record = {{"path", path},
                             {"sites", 0},
                             {"moved", nlohmann::json::array()},
                             {"refused", nlohmann::json::array()},
                             {"passes", 0},
                             {"changed", false},
                             {"error", ""}};
    std::string error;
    std::string bytes = read_bytes(path, error);
    if (error.empty()) {
        std::vector<LazyIntent> intents = every_module_level_import(lmms::python::scan_source(bytes));
        record["sites"] = intents.size();
        lmms::fix::FileInput input{path, "", std::filesystem::path(path).filename() == "__init__.py", bytes};
        FileFixResult result = lmms::fix::fix_file(input, intents, lmms::fix::Style::function,
                                                   [](const SiteFix&) { return std::string(); });
        for (const SiteFix& fix : result.applied)
            record["moved"].push_back(site_json(fix));
        for (const SiteFix& fix : result.skipped)
            record["refused"].push_back(site_json(fix));
        record["passes"] = result.passes;
        error = result.error;
        if (result.text != bytes) {
            record["changed"] = true;
            write_bytes(options.out / std::filesystem::path(path).relative_path(), result.text, error);
        }
    }
    record["error"] = error;
    return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool parse_options(int argc, char** argv, Options& options) {
    for (int at = 1; at + 1 < argc; at += 2) {
        std::string flag = argv[at];
        if (flag == "--out")
            options.out = argv[at + 1];
        else if (flag == "--list")
            options.list = argv[at + 1];
        else if (flag == "--threads")
            options.threads = static_cast<unsigned>(std::stoul(argv[at + 1]));
        else
            return false;
    }
    return argc % 2 == 1 && !options.out.empty();
}

std::vector<std::string> read_paths(const Options& options) {
    std::ifstream file;
    if (!options.list.empty())
        file.open(options.list);
    std::istream& in = options.list.empty() ? std::cin : file;
    std::vector<std::string> paths;
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            paths.push_back(line);
    return paths;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse_options(argc, argv, options)) {
        std::cerr << "usage: lmms_fix_driver --out DIR [--list FILE] [--threads N]\n";
        return 2;
    }
    std::vector<std::string> paths = read_paths(options);
    std::vector<std::string> lines(paths.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t at = next++; at < paths.size(); at = next++) {
            try {
                lines[at] = fix_one(paths[at], options);
            } catch (const std::exception& bug) {  // reported as the file's error: a failure, not a crash
                lines[at] = nlohmann::json({{"path", paths[at]},
                                            {"error", std::string("internal error: ") + bug.what()}})
                                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            }
        }
    };
    unsigned count =
        options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < count; ++i)
        threads.emplace_back(work);
    for (std::thread& thread : threads)
        thread.join();
    for (const std::string& line : lines)
        std::cout << line << '\n';
    return std::cout ? 0 : 1;
}

#pragma once
/// The result of `lmms profile`: flat vectors addressed by typed indices.
/// All times are microseconds. Invariants (checked by tests):
///  - the cold start parts add up to the median total;
///  - the self times of the modules imported by the entry add up to the
///    imports total plus the project modules' own time (init, module code).

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/statistics.hpp"

namespace lmms::model {

/// 2: modules' `failed`, `module_code`, `import_hooks`, `compile`. Version 1 is still read.
inline constexpr int k_profile_schema_version = 2;
inline constexpr int k_profile_oldest_schema_version = 1;

/// A typed index into one of the Profile's vectors.
template <class Tag>
struct Index {
    uint32_t value = 0;
    auto operator<=>(const Index&) const = default;  // NOLINT(modernize-use-nullptr): tidy 14 misreads <=>
};
using ModuleIndex = Index<struct ModuleTag>;
using SiteIndex = Index<struct SiteTag>;
using GroupIndex = Index<struct GroupTag>;

struct Module {
    std::string name;
    std::string file;  ///< project-relative for project modules, else as the interpreter reported
    bool is_project = false;
    bool top_level = false;  ///< imported by the probe itself: the entry and its packages
    /// Its import raised (ImportError of an optional or platform module, e.g.
    /// msvcrt on Linux): -X importtime lists it, but it is not in sys.modules
    /// after the entry imported, so it is not loaded at cold start.
    bool failed = false;
    std::vector<int64_t> self_samples;        ///< one per timed run that imported it
    std::vector<int64_t> cumulative_samples;  ///< same runs
    Summary self;
    Summary cumulative;
    int64_t pulled_in = 0;   ///< modules first imported beneath it (import tree)
    double retained_us = 0;  ///< self (median) of every module only it brings in, itself included
    int64_t retained_modules = 0;
    std::optional<ModuleIndex> first_importer;          ///< parent in the import tree
    std::optional<ModuleIndex> first_project_importer;  ///< nearest project ancestor
    std::optional<SiteIndex> first_project_site;        ///< the statement that started its chain
};

/// One import statement executed by a project module on the cold path.
struct ImportSite {
    ModuleIndex importer;
    std::string file;  ///< project-relative
    uint32_t line = 0;
    std::string statement;             ///< the statement as the scanner reads it, e.g. "import pandas as pd"
    std::vector<ModuleIndex> targets;  ///< modules the statement imports (sorted)
    double retained_us = 0;            ///< what would leave the cold path if it were lazy
    int64_t retained_modules = 0;
    GroupIndex group;
};

/// "app/main.py:2": where a site is, as messages and reports name it.
inline std::string location(const ImportSite& site) {
    return site.file + ":" + std::to_string(site.line);
}

/// Every import statement of one project module that imports the same
/// top-level package: the unit a user makes lazy ("boto3 in app.storage").
struct ImportGroup {
    ModuleIndex importer;
    std::string package;           ///< top-level package name, e.g. "boto3"
    std::vector<SiteIndex> sites;  ///< by file and line
    double retained_us = 0;        ///< what would leave the cold path if all its sites were lazy
    int64_t retained_modules = 0;
};

struct ImportEdge {
    ModuleIndex from;
    ModuleIndex to;
    std::optional<SiteIndex> site;  ///< set when the importer is a project module
};

struct Run {
    int64_t total_us = 0;          ///< spawn -> "ready" read by the parent
    int64_t startup_us = 0;        ///< spawn -> probe started, seen from this run
    int64_t imports_us = 0;        ///< self time of non-project modules imported by the entry
    int64_t init_us = 0;           ///< self time of project modules + resolving the handler
    int64_t module_count = 0;      ///< sys.modules at ready
    int64_t modules_imported = 0;  ///< first imports made by the entry
    int64_t peak_rss_kb = 0;
};

struct ColdStart {
    Summary total;
    double interpreter_start_us = 0;  ///< median of the floor runs
    double imports_us = 0;            ///< median over runs
    double init_us = 0;               ///< median over runs
    double other_us = 0;              ///< total.median - the three parts above
    std::vector<int64_t> floor_samples;
    Summary module_count;
    Summary peak_rss_kb;
};

struct Environment {
    std::string python;         ///< interpreter path as run
    std::string python_source;  ///< how it was found: --python, config, VIRTUAL_ENV, .venv, PATH
    std::string python_version;
    std::string implementation;
    std::vector<std::string> flags;
    std::string platform;
};

/// Whether the timed runs imported from cached bytecode (.pyc). Without the
/// caches every run compiles, and the cold start measured is slower than a
/// user with caches sees.
struct BytecodeCaches {
    bool dont_write_bytecode = false;  ///< sys.dont_write_bytecode in the runs (PYTHONDONTWRITEBYTECODE, -B)
    int64_t compiled_modules = 0;  ///< the most modules one timed run compiled from source; 0: caches used
    std::string example;           ///< one of them (project-relative when in the project), or empty
};

/// The module-level code of project modules, measured in the warm-up run
/// (one run, traced): a top-level statement's inclusive time, less the
/// imports it made (those are -X importtime's). Only statements above
/// k_statement_floor_us are kept.
struct StatementCost {
    std::string file;   ///< project-relative, '/'-separated
    uint32_t line = 0;  ///< the statement's first line (its first decorator for a decorated def)
    std::string text;   ///< that line, trimmed (cut at 80 characters)
    double us = 0;
};
inline constexpr double k_statement_floor_us = 1000;

/// A meta-path finder that is not CPython's own, and the time its find_spec
/// took in the warm-up run: -X importtime bills it to the module being found.
struct ImportHookCost {
    std::string finder;  ///< "module.QualifiedName" of the finder's class
    int64_t calls = 0;
    double us = 0;
    std::string slowest_module;  ///< the module whose lookup took it longest
    double slowest_us = 0;
};

/// What compiling from source costs the modules the entry imported: a start
/// without cached .pyc files pays it (PYTHONDONTWRITEBYTECODE, a read-only
/// file system, a package shipped without them). Measured once, in the
/// warm-up, by compiling each module's source as the import system would.
struct CompileCost {
    int64_t modules = 0;
    double us = 0;
    int64_t project_modules = 0;
    double project_us = 0;
};

/// The bytes of one project Python file when the profile was taken.
struct SourceFingerprint {
    std::string file;         ///< project-relative, '/'-separated
    std::string fingerprint;  ///< base::fingerprint of its bytes
    bool operator==(const SourceFingerprint&) const = default;
};

struct ProfileSettings {
    std::string entry;
    int runs = 0;
    std::vector<std::string> src;
};

struct Profile {
    int schema_version = k_profile_schema_version;
    std::string lmms_version;
    std::string created;  ///< ISO 8601 UTC
    Environment environment;
    ProfileSettings settings;
    ColdStart cold_start;
    std::vector<Run> runs;
    std::vector<Module> modules;  ///< entry's modules, sorted by name
    std::vector<ImportSite> sites;
    std::vector<ImportGroup> groups;  ///< sorted by importer name, then package
    std::vector<ImportEdge> edges;
    std::vector<std::string> preloaded;  ///< in sys.modules before the entry ran (sorted): free to import
    std::vector<std::string> diagnostics;
    int64_t lmms_peak_rss_kb = 0;
    std::optional<BytecodeCaches> bytecode;    ///< none in profiles from before LMMS checked
    std::vector<StatementCost> module_code;    ///< by file, then line; none before schema 2
    std::vector<ImportHookCost> import_hooks;  ///< by finder; none before schema 2
    std::optional<CompileCost> compile;        ///< none before schema 2
    /// Every project Python file as the plan lists them when the profile
    /// started, sorted by file. Profiles from before LMMS recorded them have
    /// none and `has_sources` false.
    std::vector<SourceFingerprint> sources;
    bool has_sources = false;

    /// The fingerprint `file` had when the profile was taken, or null.
    const SourceFingerprint* source(const std::string& file) const {
        for (const SourceFingerprint& known : sources)
            if (known.file == file)
                return &known;
        return nullptr;
    }

    const Module& at(ModuleIndex index) const { return modules[index.value]; }
    const ImportSite& at(SiteIndex index) const { return sites[index.value]; }
    const ImportGroup& at(GroupIndex index) const { return groups[index.value]; }
};

}  // namespace lmms::model

#pragma once
/// How often each import site of the project is really used over a workload
/// (`lmms usage`, `.lmms/usage.json`). Usage of a site = invocations in which
/// a line that loads one of its bound names ran / invocations that ran.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lmms::model {

inline constexpr int k_usage_schema_version = 1;

struct SiteUsage {
    std::string file;  ///< project-relative
    uint32_t line = 0;
    uint32_t col = 0;
    std::string statement;                     ///< `import pandas as pd`
    std::string module;                        ///< absolute: relative imports resolved
    std::string library;                       ///< the module's top-level package
    std::vector<std::string> names;            ///< the names it binds; empty for `*`
    std::vector<size_t> name_used;             ///< per name: invocations that used it
    std::string scope;                         ///< "<module>" or a function's qualname
    std::string guard;                         ///< none, type_checking, try_import_error, conditional, with
    size_t used = 0;                           ///< invocations that used it
    std::vector<uint32_t> used_in;             ///< their numbers, ascending (unions across sites are exact)
    std::optional<uint32_t> import_time_line;  ///< a line that used it while a module was being imported
    /// The function holding that line (a qualname), empty when the line is at
    /// module level or in a class body: then the import cannot move at all.
    /// A module-level line is preferred when there are both.
    std::string import_time_function;
    /// Set when that line is in another file: one that does `from <this module> import *`.
    std::string import_time_file;
    bool star = false;  ///< `from m import *`: its names are unknown, so is its usage
};

struct LibraryUsage {
    std::string name;
    bool project = false;  ///< one of the project's own top-level packages
    size_t sites = 0;
    size_t used = 0;  ///< invocations that used any of its sites
};

struct ErrorCount {
    std::string type;
    std::string message;
    size_t count = 0;
};

struct KindUsage {
    std::string kind;
    size_t count = 0;
    size_t failed = 0;
    double first_ms = 0;                   ///< the first invocation of this kind in the process
    std::optional<double> warm_median_ms;  ///< the later ones; none when it ran once
    std::vector<ErrorCount> errors;        ///< most frequent first
};

struct InvocationUsage {
    uint32_t number = 0;       ///< from 1, in workload order
    uint32_t source_line = 0;  ///< in the events or commands file
    std::string kind;
    double latency_ms = 0;
    std::string error_type;  ///< empty when it succeeded
    std::string error_message;
    std::string output;  ///< failed: where it raised, or how its process ended and its stderr tail
};

struct Usage {
    std::string workload;  ///< "events" or "commands"
    std::string workload_file;
    std::string entry;  ///< events: `module:function`
    std::string python_version;
    std::string tracer;  ///< "monitoring" (sys.monitoring, 3.12+) or "settrace"
    size_t planned = 0;  ///< invocations in the workload
    bool partial = false;
    std::string partial_reason;
    std::vector<InvocationUsage> invocations;  ///< those that ran
    std::vector<SiteUsage> sites;              ///< by file, then line
    std::vector<LibraryUsage> libraries;       ///< most used first
    std::vector<KindUsage> kinds;              ///< most frequent first
};

/// The invocations that failed: raised, exited non-zero or crashed.
inline size_t failed_invocations(const Usage& usage) {
    size_t failed = 0;
    for (const InvocationUsage& invocation : usage.invocations)
        failed += invocation.error_type.empty() ? 0 : 1;
    return failed;
}

}  // namespace lmms::model

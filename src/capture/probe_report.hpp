#pragma once
/// What the probe reported on its channel, parsed from the tab-separated lines
/// (pure). Child timestamps are CLOCK_MONOTONIC nanoseconds, comparable with
/// the parent's base::monotonic_now().

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/process.hpp"

namespace lmms::capture {

struct ProbeEdge {
    std::string importer;
    std::string target;
    std::string file;
    uint32_t line = 0;
};

struct ProbeModule {
    std::string name;
    std::string file;  ///< may be empty (built-in or frozen module)
};

struct ProbeFailure {
    std::string stage;  ///< "import" or "resolve"
    std::string type;   ///< exception class name
    std::string message;
    std::vector<std::string> traceback;
};

/// The entry's import and the bytecode caches.
struct ProbeBytecode {
    bool dont_write_bytecode = false;  ///< sys.dont_write_bytecode (PYTHONDONTWRITEBYTECODE, -B)
    int64_t compiled = 0;              ///< modules compiled from source: no usable cached .pyc
    std::string first_compiled;        ///< the first one's source path, or empty
};

/// Warm-up: one line of a project module's body and the time its runs took
/// (until the body's next line), less the imports they made.
struct ProbeStatement {
    std::string file;  ///< absolute, as the interpreter reported it
    uint32_t line = 0;
    int64_t ns = 0;
};

/// Warm-up: a meta-path finder that is not CPython's own and its find_spec time.
struct ProbeFinder {
    std::string finder;  ///< "module.QualifiedName"
    int64_t calls = 0;
    int64_t ns = 0;
    std::string slowest_module;
    int64_t slowest_ns = 0;
};

/// Warm-up: compiling one imported module's source, timed.
struct ProbeCompile {
    std::string module;
    std::string file;
    int64_t ns = 0;
};

struct ProbeReport {
    std::optional<base::MonotonicNs> started;
    std::optional<base::MonotonicNs> import_started;
    std::optional<base::MonotonicNs> imported;
    std::optional<base::MonotonicNs> ready;          ///< child clock
    std::optional<base::MonotonicNs> ready_arrived;  ///< parent clock: when "ready" was read
    std::string python_version;
    std::string python_executable;
    std::string implementation;
    int64_t module_count = 0;
    std::vector<std::string> preloaded;  ///< modules loaded before the entry import
    std::vector<ProbeModule> modules;    ///< edges mode: modules loaded by the entry
    std::vector<ProbeEdge> edges;        ///< edges mode: import statements executed
    std::optional<ProbeFailure> failure;
    std::optional<ProbeBytecode> bytecode;
    std::vector<ProbeStatement> statements;  ///< edges mode
    std::vector<ProbeFinder> finders;        ///< edges mode
    std::vector<ProbeCompile> compiles;      ///< edges mode
};

ProbeReport parse_probe_report(std::span<const base::ReportLine> lines);

/// One report line's tab-separated fields, with \\ \t \n unescaped.
std::vector<std::string> split_report_fields(std::string_view line);

}  // namespace lmms::capture

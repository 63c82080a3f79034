#pragma once
/// Runs a workload under the probe's line tracer: a handler called once per
/// event in one interpreter, or each command line in a fresh interpreter.
/// Collects, per invocation, which lines of the project's files ran, its
/// latency and its exception, and the lines that ran at import time.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/process.hpp"
#include "capture/probe_report.hpp"
#include "capture/workload.hpp"

namespace lmms::capture {

struct UsageRequest {
    std::filesystem::path python;
    std::filesystem::path project_dir;
    std::vector<std::filesystem::path> src_roots;  ///< absolute
    std::chrono::milliseconds timeout{600'000};    ///< the events process, or each command
    // A handler and its events ...
    std::string module;
    std::string function;
    std::filesystem::path events_file;  ///< absolute
    std::vector<Event> events;
    // ... or command lines.
    std::vector<Command> commands;
};

/// A line of a project file: (index in UsageCapture::files) << 24 | line number.
using LineKey = uint64_t;
inline constexpr int k_line_bits = 24;

struct InvocationCapture {
    uint32_t number = 0;  ///< from 1, in workload order
    int64_t latency_ns = 0;
    std::string error_type;  ///< empty when it returned normally
    std::string error_message;
    std::string output;  ///< a failed one: where it raised, or how its process ended and its stderr tail
    std::vector<LineKey> lines;  ///< sorted
};

struct UsageCapture {
    std::string python_version;
    std::string tracer;              ///< the probe's line hook: "monitoring" (sys.monitoring) or "settrace"
    std::vector<std::string> files;  ///< absolute paths of the project files that ran
    std::vector<InvocationCapture> invocations;
    std::vector<LineKey> import_lines;  ///< ran while a project module's body executed; sorted
    bool partial = false;               ///< the workload stopped early: `partial_reason` says why
    std::string partial_reason;
};

/// Called as the workload advances: (what starts, its number from 1, or 0
/// while the entry imports; total).
using UsageProgress = std::function<void(const std::string& what, size_t index, size_t total)>;

/// Fails when the entry cannot be imported or the interpreter cannot start;
/// a timeout or a crash gives a partial capture.
Expected<UsageCapture> capture_usage(const UsageRequest& request, base::ProcessRunner& runner,
                                     const UsageProgress& progress);

/// The usage lines of one probe report merged into `capture` (pure).
/// Returns false when the report did not reach its end ("done").
bool merge_usage_report(std::span<const base::ReportLine> lines, UsageCapture& capture,
                        uint32_t first_number);

}  // namespace lmms::capture

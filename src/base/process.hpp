#pragma once
/// Child processes: spawned directly (posix_spawn, no shell) in their own
/// process group, with a timeout that kills the whole group. Tests replace
/// ProcessRunner with a fake.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/error.hpp"

namespace lmms::base {

/// Nanoseconds on CLOCK_MONOTONIC: the same clock as Python's time.monotonic_ns()
/// in a child, so timestamps from both sides can be subtracted.
using MonotonicNs = int64_t;
MonotonicNs monotonic_now();

/// This process's peak resident set size in KiB (VmHWM). Not getrusage's
/// ru_maxrss: Linux carries that over from whatever process exec'd us.
int64_t own_peak_rss_kb();

/// The child gets the write end of the report channel as this descriptor.
inline constexpr int k_report_fd = 3;

struct ReportLine {
    std::string text;
    MonotonicNs arrived;  ///< when the parent read the line
};

struct SpawnRequest {
    std::vector<std::string> argv;  ///< argv[0] is the program path (no PATH search)
    std::filesystem::path working_directory;
    std::chrono::milliseconds timeout{60'000};
    bool report_channel = false;  ///< open a pipe on k_report_fd in the child
    /// Called with each report line as it arrives (progress), before the run ends.
    std::function<void(const ReportLine&)> on_report_line = nullptr;
};

struct ProcessResult {
    MonotonicNs spawned = 0;  ///< taken just before posix_spawn
    MonotonicNs exited = 0;
    int exit_code = -1;  ///< -1 when killed by a signal
    int signal = 0;      ///< the signal that ended it, or 0
    bool timed_out = false;
    int64_t peak_rss_kb = 0;  ///< from wait4
    std::string stdout_text;
    std::string stderr_text;
    std::vector<ReportLine> report;
};

class ProcessRunner {
public:
    virtual ~ProcessRunner() = default;
    /// Fails only when the process cannot be started, or with an
    /// ErrorKind::interrupted error when a stop signal (base/stop_signal.hpp)
    /// arrives before or while it runs: its process group is stopped first.
    /// A crash, a non-zero exit or a timeout is a result for the caller to judge.
    virtual Expected<ProcessResult> run(const SpawnRequest& request) = 0;
};

class PosixProcessRunner final : public ProcessRunner {
public:
    Expected<ProcessResult> run(const SpawnRequest& request) override;
};

/// "exited with code 1", "was killed by signal 11 (Segmentation fault)",
/// "timed out after 5 s"
std::string describe_exit(const ProcessResult& result, std::chrono::milliseconds timeout);

}  // namespace lmms::base

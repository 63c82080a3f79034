#pragma once
/// Runs the entry in fresh interpreters under `-X importtime`: one warm-up run
/// that also records the import edges (untimed), then N timed runs, each
/// preceded by a floor run (the interpreter alone, same flags).

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/process.hpp"
#include "capture/importtime_parser.hpp"
#include "capture/probe_report.hpp"

namespace lmms::capture {

struct ProfileRequest {
    std::filesystem::path python;
    std::string python_reason;      ///< why this interpreter: "the first python3 on PATH", ...
    bool python_from_path = false;  ///< found on PATH, not named nor the project's environment
    std::filesystem::path project_dir;
    std::string module;                            ///< entry module, e.g. "app.handler"
    std::string function;                          ///< handler to resolve, may be empty
    std::vector<std::filesystem::path> src_roots;  ///< absolute; put first on sys.path
    int runs = 10;
    std::chrono::milliseconds timeout{120'000};  ///< per run
};

struct RunCapture {
    base::ProcessResult process;
    ProbeReport report;
    ImportTimeLog log;
};

struct Captures {
    RunCapture warmup;  ///< edges mode
    std::vector<RunCapture> runs;
    std::vector<RunCapture> floors;
};

/// Called before each run: (what, index from 1, total).
using Progress = std::function<void(std::string_view what, int index, int total)>;

/// The interpreter flags every run uses.
std::vector<std::string> profile_flags();

/// The warm-up run alone (edges mode): what capture_profile runs first.
Expected<RunCapture> capture_warmup(const ProfileRequest& request, base::ProcessRunner& runner);

/// Round `index` of `request.runs`: a floor run, then a timed run, appended to `captures`.
Expected<void> capture_round(const ProfileRequest& request, base::ProcessRunner& runner, int index,
                             Captures& captures);

Expected<Captures> capture_profile(const ProfileRequest& request, base::ProcessRunner& runner,
                                   const Progress& progress);

}  // namespace lmms::capture

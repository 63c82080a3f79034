#pragma once
/// `[tool.lmms]` in pyproject.toml, or the top level of lmms.toml. Parsing is
/// pure; unknown keys are errors naming the file and line.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace lmms::config {

enum class ConfigFormat { pyproject, lmms_toml };

/// The tier table's thresholds (`[tool.lmms.thresholds]`), defaults from LMMS-03.
struct Thresholds {
    double fast_ms = 10;    ///< below: lightweight, module level whatever the usage
    double heavy_ms = 100;  ///< above: heavy; module level only as a documented exception
    double hot_usage = 80;  ///< percent of invocations; above: the hot path
};

/// The traffic the cost model of `lmms plan` assumes (`[tool.lmms.traffic]`);
/// defaults from LMMS-LESS-03's example.
struct Traffic {
    double requests_per_day = 10'000;
    double cold_start_rate = 0.1;  ///< cold starts / requests
    bool configured = false;       ///< set in the configuration, not the defaults
    /// Not configured, and the workload is command lines: each is a fresh
    /// process, so every invocation is a cold start (rate 1).
    bool every_invocation_cold = false;
};

/// The LMMS index's performance targets (`[tool.lmms.targets]`), checked by
/// `lmms compare`; each has a target and a stricter "excellent" bound.
struct Targets {
    double cold_start_ms = 3000, cold_start_excellent_ms = 2000;
    double fast_path_ms = 200, fast_path_excellent_ms = 100;   ///< the hot path's imports
    double module_imports = 10, module_imports_excellent = 5;  ///< the entry's module-level imports
    double improvement = 40, improvement_excellent = 60;       ///< percent below the baseline
};

/// How far a documented cost in the fast-path file may drift from the plan's
/// before `lmms fastpath --check` fails (`fast-path-tolerance`,
/// `fast-path-tolerance-ms`): it fails only past both bounds, so noise passes.
struct FastPathTolerance {
    double percent = 20;
    double ms = 2;
};

struct Config {
    std::filesystem::path file;  ///< where it was read from; empty when none
    std::optional<std::string> entry;
    std::optional<std::string> python;
    std::vector<std::string> src;
    int src_line = 0;  ///< the line of the `src` key in `file`; 0 when not configured
    std::optional<int> runs;
    std::optional<double> timeout_seconds;
    std::optional<std::string> events;
    std::optional<std::string> commands;
    std::optional<std::string> kind_key;  ///< the event field naming an event's kind (lmms usage)
    std::optional<std::string>
        fast_path;                    ///< project-relative; default: fast_path.py beside the entry module
    std::optional<double> tolerance;  ///< percent (lmms compare, lmms history); see tolerance_fraction
    FastPathTolerance fast_path_tolerance;
    Thresholds thresholds;
    Traffic traffic;
    Targets targets;
    std::optional<std::string> requires_python;  ///< pyproject's [project] requires-python, e.g. ">=3.15"
    /// Which of the project's files are planned (base/glob.hpp patterns):
    /// `include` empty means all; `exclude` replaces k_default_exclude,
    /// `extend-exclude` adds to it.
    std::vector<std::string> include;
    std::optional<std::vector<std::string>> exclude;
    std::vector<std::string> extend_exclude;
    /// More classes and decorators that read annotations at run time (python/annotation_consumers).
    std::vector<std::string> annotation_consumers;
};

/// Left out unless `exclude` says otherwise: tests, documentation, examples,
/// build output and virtual environments are not the program that starts.
inline const std::vector<std::string>& default_exclude() {
    static const std::vector<std::string> patterns = {"tests", "test",  "docs", "doc",  "examples", "build",
                                                      "dist",  ".venv", "venv", ".tox", ".nox"};
    return patterns;
}

/// The patterns a project leaves out: `exclude` (or the defaults) and `extend-exclude`.
std::vector<std::string> excluded_patterns(const Config& config);

/// The tolerance of lmms compare and lmms history as a fraction: `flag_percent`
/// when given (>= 0), else the configured one, else 10 %.
inline double tolerance_fraction(double flag_percent, const Config& config) {
    return (flag_percent >= 0 ? flag_percent : config.tolerance.value_or(10)) / 100.0;
}

/// Parses a configuration file's text; `file_name` is used in messages.
Expected<Config> parse_config(std::string_view text, const std::string& file_name, ConfigFormat format);

/// The nearest directory at or above `start` holding lmms.toml or a
/// pyproject.toml with a [tool.lmms] table; `start` itself when there is none.
std::filesystem::path find_project_root(const std::filesystem::path& start);

/// Reads lmms.toml or pyproject.toml in `project_dir`; an empty Config when neither exists.
Expected<Config> load_config(const std::filesystem::path& project_dir);

}  // namespace lmms::config

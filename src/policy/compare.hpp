#pragma once
/// Before/after (pure): the current profile against the baseline. A
/// regression needs both a median above the baseline's by more than the
/// tolerance and a one-sided Mann-Whitney U test at p < 0.01: noise alone
/// rarely passes both, a real slowdown of that size does.

#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "model/profile.hpp"
#include "model/significance.hpp"

namespace lmms::policy {

inline constexpr int k_compare_schema_version = 1;

struct CompareOptions {
    double tolerance = 0.10;  ///< a fraction of the baseline's median
    double alpha = 0.01;      ///< significance level of the one-sided test
    double confidence = 0.99;
    bool speed_correction = true;  ///< correct each run for the machine's speed (see SpeedCorrection)
};

/// A shared machine runs faster or slower from one minute to the next, by more
/// than the tolerance: the baseline and the current runs are not measured at
/// the same speed. The modules both sides import that are not the project's
/// are the same files under the same interpreter, so their self time tracks
/// the machine's speed run by run; each run's cold start is scaled by
/// (their total at the baseline, median) / (their total in that run). What the
/// project changed (its own code, modules new on the cold path) is left in.
struct SpeedCorrection {
    bool applied = false;
    std::string reason;    ///< why not, when not applied
    size_t modules = 0;    ///< the control: non-project modules imported in every run of both sides
    double before_ms = 0;  ///< their self time in total, median at the baseline
    double after_ms = 0;   ///< the same now
    double factor = 1;     ///< after_ms / before_ms: > 1 when the machine ran slower now
};

/// A module slower by less than this share of the cold start is not named.
inline constexpr double k_min_module_delta = 0.01;

/// Below this share of the cold start the control is too small to tell the machine's speed.
inline constexpr double k_min_control_share = 0.2;

/// Why no correction: the control's `share` of the cold start is under k_min_control_share.
std::string control_too_small(double share);

struct ModuleDelta {
    std::string module;
    bool added = false;    ///< on the cold path now, not in the baseline
    double before_ms = 0;  ///< self time, median (0 when added)
    double after_ms = 0;   ///< self time, median; cumulative when added
    double p_value = 1;    ///< for a slower module
    std::string site;      ///< the project's import line that brings it in (`file:line`)
    std::string statement;
};

/// One row of the LMMS index's performance targets table.
struct TargetRow {
    std::string name;
    std::optional<double> value;  ///< unset when the profile cannot tell
    std::string unit;             ///< "ms", "%" or empty for a count
    double target = 0;
    double excellent = 0;
    bool higher_is_better = false;
    std::string note;  ///< what was measured

    bool meets(double bound) const { return value && (higher_is_better ? *value > bound : *value < bound); }
    bool met() const { return meets(target); }
    bool excellent_met() const { return meets(excellent); }
};

struct Comparison {
    std::string method;
    CompareOptions options;
    std::vector<double> raw_before_ms, raw_after_ms;  ///< cold-start samples as measured
    double raw_before_median = 0, raw_after_median = 0;
    double raw_change = 0;
    SpeedCorrection speed;
    std::vector<double> before_ms, after_ms;  ///< the samples compared: corrected when speed.applied
    double before_median = 0, after_median = 0;
    model::Interval before_interval, after_interval;  ///< of each median
    model::Interval ratio_interval;                   ///< of after / before
    double change = 0;                                ///< after / before - 1
    model::RankTest slower;                           ///< after > before
    model::RankTest faster;                           ///< before > after
    bool regression = false;
    bool improvement = false;  ///< significantly faster
    std::string verdict;
    std::vector<ModuleDelta> modules;  ///< added first, then slower, by size
    std::vector<TargetRow> targets;    ///< set by check_targets
};

Comparison compare_profiles(const model::Profile& baseline, const model::Profile& current,
                            const CompareOptions& options);

/// The targets against the current profile: cold start (median), the hot
/// path's imports (the fast path module's cumulative import time, or the
/// self time of every module from outside the project when no fast path is
/// on the cold path), the entry's
/// module-level imports, and the improvement over the baseline.
std::vector<TargetRow> check_targets(const Comparison& comparison, const model::Profile& current,
                                     const config::Targets& targets, const std::string& fast_path_module);

/// Empty when the environments match; else what differs.
std::string environment_difference(const model::Profile& baseline, const model::Profile& current);

}  // namespace lmms::policy

#pragma once
/// The result of `lmms verify` (and of `lmms fix --verify`): whether the
/// working tree behaves as the reference tree on the workload, invocation by
/// invocation, and what the change did to the cold start. The text and JSON
/// reporters (report/verify_report.hpp) render it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/significance.hpp"

namespace lmms::model {

inline constexpr int k_verification_schema_version = 1;

/// One compared field that differs, as each tree had it (masks applied).
struct FieldDifference {
    std::string field;  ///< "result", "exception", "stdout", "stderr", "exit code", "ran"
    std::string reference;
    std::string working;
};

struct InvocationDifference {
    uint32_t number = 0;       ///< from 1; 0 is the import of the entry
    uint32_t source_line = 0;  ///< in the events or commands file
    std::string kind;
    std::vector<FieldDifference> fields;  ///< in the order above
};

/// The first invocation of a kind: where a deferred import is now paid (TRAPS.md 21).
struct FirstCall {
    std::string kind;
    std::optional<double> reference_ms;  ///< none when that tree never ran this kind
    std::optional<double> working_ms;
};

struct TreeTiming {
    std::vector<double> cold_start_ms;  ///< one per round, spawn -> ready
    double median_ms = 0;
    Interval interval;   ///< of the median, 95 %
    double modules = 0;  ///< median of sys.modules at ready
};

struct Measurement {
    int rounds = 0;
    TreeTiming reference;
    TreeTiming working;
    double cut = 0;         ///< (reference - working) / reference, of the medians
    Interval cut_interval;  ///< 95 %, from the bootstrap interval of the medians' ratio
};

/// What `lmms plan` predicted from the stored captures.
struct Prediction {
    double measured_ms = 0;
    double predicted_ms = 0;
    double improvement = 0;  ///< (measured - predicted) / measured
};

struct Verification {
    std::string reference;  ///< what the reference tree is: "git HEAD (1a2b3c4d5e)", the snapshot
    std::string workload;   ///< "events events.jsonl" or "commands commands.txt"
    std::string entry;      ///< the handler (events), or empty
    std::string python_version;
    size_t invocations = 0;          ///< in the workload (the import of the entry not counted)
    std::vector<std::string> masks;  ///< what was masked, as given: `--mask REGEX`, `--mask-json PATH`
    std::vector<InvocationDifference> differences;  ///< by number
    std::vector<FirstCall> first_calls;             ///< by the kind's first invocation
    std::optional<Measurement> measurement;
    std::string no_measurement;  ///< why there is none: "--no-profile", ...
    std::optional<Prediction> prediction;
    std::string no_prediction;  ///< why there is none
};

inline bool identical(const Verification& verification) {
    return verification.differences.empty();
}

}  // namespace lmms::model

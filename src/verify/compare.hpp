#pragma once
/// Comparing two replays of one workload (pure): per invocation, what was
/// returned, the exception's type and message, stdout, stderr and the exit
/// code, after masking volatile text. Every text is first normalised the same
/// way for both trees: object addresses in reprs (` at 0x7f…`) and the line
/// numbers of traceback frames (an edit moves lines) are hidden.

#include <regex>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "model/replay.hpp"
#include "model/verification.hpp"

namespace lmms::verify {

/// What stands in for masked text, and for a masked JSON value.
inline constexpr std::string_view k_masked = "<masked>";

struct MaskOptions {
    std::vector<std::string> patterns;    ///< ECMAScript regular expressions (--mask)
    std::vector<std::string> json_paths;  ///< dotted paths into the returned JSON (--mask-json)
};

struct Masks {
    std::vector<std::regex> patterns;
    /// Each path's segments: an object key, an array index, or `*` for every member.
    std::vector<std::vector<std::string>> json_paths;
};

/// Fails on a regular expression that does not compile, or an empty path.
Expected<Masks> compile_masks(const MaskOptions& options);

/// `text` normalised, with every match of a mask pattern replaced by k_masked.
std::string mask_text(const std::string& text, const Masks& masks);

/// The returned value as compared: each JSON path's value replaced by
/// k_masked (looking into strings that hold JSON, such as a Lambda's `body`),
/// then mask_text.
std::string mask_result(const model::InvocationOutcome& outcome, const Masks& masks);

/// The invocations that differ, by number; one that ran in one tree only
/// differs in "ran".
std::vector<model::InvocationDifference> compare_replays(const model::Replay& reference,
                                                         const model::Replay& working, const Masks& masks);

/// Each kind's first invocation in both replays, in workload order.
std::vector<model::FirstCall> first_calls(const model::Replay& reference, const model::Replay& working);

}  // namespace lmms::verify

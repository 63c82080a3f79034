#pragma once
/// The failed invocations of a usage capture, listed for stderr (pure): each
/// with its place in the workload, its error, and where it raised or how its
/// process ended with the end of its stderr.

#include <cstddef>
#include <string>

#include "model/usage.hpp"

namespace lmms::report {

/// "2 of 5 commands failed:" and a few lines per failure, at most `shown` of them.
std::string usage_failures_to_text(const model::Usage& usage, size_t shown = 10);

}  // namespace lmms::report

#pragma once
/// The cold-start figures of an alternating measurement (pure): each tree's
/// median with its 95 % interval, and the cut with the bootstrap interval of
/// the medians' ratio.

#include "model/profile.hpp"
#include "model/verification.hpp"

namespace lmms::verify {

inline constexpr double k_confidence = 0.95;

/// From the two trees' profiles, built from the rounds of one alternating measurement.
model::Measurement measurement_of(const model::Profile& reference, const model::Profile& working);

}  // namespace lmms::verify

#pragma once
/// Profiles two trees in alternating rounds (reference, working, reference,
/// ...), so a machine that drifts in speed drifts for both alike: one
/// warm-up run each (it also writes the bytecode caches), then per round one
/// floor and one timed run of each tree.

#include "capture/profiler.hpp"

namespace lmms::capture {

struct AlternatingCaptures {
    Captures reference;
    Captures working;
};

/// `reference.runs` rounds (the working request's count is not used).
/// Progress: ("reference" or "working", round, rounds).
Expected<AlternatingCaptures> capture_alternating(const ProfileRequest& reference,
                                                  const ProfileRequest& working, base::ProcessRunner& runner,
                                                  const Progress& progress);

}  // namespace lmms::capture

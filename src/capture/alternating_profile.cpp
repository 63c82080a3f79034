#include "capture/alternating_profile.hpp"

namespace lmms::capture {

Expected<AlternatingCaptures> capture_alternating(const ProfileRequest& reference,
                                                  const ProfileRequest& working, base::ProcessRunner& runner,
                                                  const Progress& progress) {
    AlternatingCaptures captures;
    progress("warm-up", 1, 1);
    captures.reference.warmup = LMMS_TRY(capture_warmup(reference, runner));
    captures.working.warmup = LMMS_TRY(capture_warmup(working, runner));
    for (int round = 1; round <= reference.runs; ++round) {
        progress("reference", round, reference.runs);
        LMMS_TRY_VOID(capture_round(reference, runner, round, captures.reference));
        progress("working", round, reference.runs);
        LMMS_TRY_VOID(capture_round(working, runner, round, captures.working));
    }
    return captures;
}

}  // namespace lmms::capture

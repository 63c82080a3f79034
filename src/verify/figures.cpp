#include "verify/figures.hpp"

#include <vector>

#include "model/statistics.hpp"

namespace lmms::verify {

namespace {

model::TreeTiming timing_of(const model::Profile& profile) {
    model::TreeTiming timing;
    std::vector<double> modules;
    for (const model::Run& run : profile.runs) {
        timing.cold_start_ms.push_back(static_cast<double>(run.total_us) / 1000.0);
        modules.push_back(static_cast<double>(run.module_count));
    }
    timing.median_ms = model::median(timing.cold_start_ms);
    timing.interval = model::median_interval(timing.cold_start_ms, k_confidence);
    timing.modules = model::median(modules);
    return timing;
}

}  // namespace

model::Measurement measurement_of(const model::Profile& reference, const model::Profile& working) {
    model::Measurement measurement;
    measurement.reference = timing_of(reference);
    measurement.working = timing_of(working);
    measurement.rounds = static_cast<int>(measurement.reference.cold_start_ms.size());
    if (measurement.reference.median_ms > 0)
        measurement.cut = 1.0 - measurement.working.median_ms / measurement.reference.median_ms;
    model::Interval ratio = model::ratio_interval(measurement.reference.cold_start_ms,
                                                  measurement.working.cold_start_ms, k_confidence);
    measurement.cut_interval = {1.0 - ratio.high, 1.0 - ratio.low};
    return measurement;
}

}  // namespace lmms::verify

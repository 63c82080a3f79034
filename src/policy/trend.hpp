#pragma once
/// The history's trend (pure): per entry and interpreter, the cold start's
/// level at the start and at the end of the recordings, and whether it rose
/// beyond the tolerance. A rise none of whose recordings crossed the tolerance
/// on its own is slow creep (LMMS-LESS-04: 2.1 s -> 3.2 s over three months);
/// one that did is a jump. Either names the packages that grew.

#include <cstddef>
#include <string>
#include <vector>

#include "model/recording.hpp"

namespace lmms::policy {

inline constexpr int k_history_schema_version = 1;

/// Recordings at each end whose medians make a level (a third of them, from 2
/// to 3): a single noisy recording neither starts nor ends a trend.
inline constexpr size_t k_level_recordings = 3;
inline constexpr size_t k_min_level_recordings = 2;

struct PackageGrowth {
    std::string package;
    double before_ms = 0;  ///< level at the start (an upper bound when `added`)
    double after_ms = 0;   ///< level at the end
    bool added = false;    ///< in none of the first recordings
    std::string site;      ///< the project's import line that brings it in, or empty
};

enum class TrendKind { too_few, steady, creep, jump };

struct Trend {
    std::string entry, python, python_version;
    std::vector<model::Recording> recordings;  ///< oldest first
    /// The medians compared, one per recording: corrected for the machine's
    /// speed like lmms compare's runs (by the self time of the modules outside
    /// the project that every recording imports), else as measured.
    std::vector<double> medians_ms;
    bool speed_corrected = false;
    size_t control_modules = 0;
    std::string correction;  ///< what was done, or why not
    size_t level_size = 0;   ///< recordings averaged at each end
    double first_level_ms = 0, last_level_ms = 0;
    double rise = 0;          ///< last / first level - 1
    double largest_step = 0;  ///< the largest rise of one recording over the level before it
    size_t largest_step_at = 0;
    TrendKind kind = TrendKind::too_few;
    std::vector<PackageGrowth> grew;  ///< by growth, largest first
    std::string verdict;
};

/// One trend per entry and interpreter (the newest first), over each one's
/// last `last` recordings (0: all); `tolerance` is a fraction.
std::vector<Trend> analyse_history(const std::vector<model::Recording>& recordings, double tolerance,
                                   size_t last);

/// ▁▂▃▄▅▆▇█ for the values, scaled between their minimum and maximum.
std::string sparkline(const std::vector<double>& values);

}  // namespace lmms::policy

#pragma once
/// The rows of the tier table (LMMS-03).

#include <cstdint>

namespace lmms::policy {

enum class Tier : uint8_t {
    none,        ///< not classified (see the action's reason)
    light,       ///< < fast-ms: module level whatever the usage
    hot,         ///< fast-ms..heavy-ms, used > hot-usage: module level (hot path)
    cold,        ///< fast-ms..heavy-ms, used <= hot-usage: function level
    heavy_hot,   ///< > heavy-ms, used > hot-usage: module level, documented exception
    heavy_cold,  ///< > heavy-ms, used <= hot-usage: function level
};

const char* tier_name(Tier tier);

}  // namespace lmms::policy

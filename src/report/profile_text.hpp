#pragma once
/// The profile as text for a terminal (pure). Slowest first; every sort has a
/// tie-break; each table ends with a row for what it left out, so columns add up.

#include <string>

#include "model/profile.hpp"

namespace lmms::report {

/// "cached .pyc files used in every run", or how many modules a run compiled and why.
std::string bytecode_caches_text(const model::BytecodeCaches& caches);

struct ProfileTextOptions {
    int top = 25;              ///< rows per table; 0 = all
    bool tree = false;         ///< also print the import tree
    double tree_min_ms = 1.0;  ///< tree: fold imports cheaper than this
};

std::string profile_to_text(const model::Profile& profile, const ProfileTextOptions& options);

}  // namespace lmms::report

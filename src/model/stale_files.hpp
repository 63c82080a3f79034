#pragma once
/// Which project files changed since a profile was taken, from the
/// fingerprints it recorded (pure).

#include <string>
#include <utility>
#include <vector>

#include "model/profile.hpp"

namespace lmms::model {

/// Of `current` ((file, fingerprint) pairs, project-relative with '/', as
/// base::fingerprint_files gives them), the files whose fingerprint differs
/// from the profile's and those the profile does not know, sorted. Files the
/// profile knows that `current` leaves out are not reported. A profile without
/// sources (has_sources false) knows no file, so every file is stale.
std::vector<std::string> stale_files(const Profile& profile,
                                     const std::vector<std::pair<std::string, std::string>>& current);

}  // namespace lmms::model

#pragma once
/// Profile <-> JSON (`.lmms/profile.json`, `lmms profile --format json`).
/// Keys keep a fixed order; `schema_version` comes first.

#include <string>
#include <string_view>

#include "base/error.hpp"
#include "model/profile.hpp"

namespace lmms::model {

std::string profile_to_json(const Profile& profile);

/// `file_name` is used in messages.
Expected<Profile> profile_from_json(std::string_view text, const std::string& file_name);

}  // namespace lmms::model

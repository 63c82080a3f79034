#pragma once
/// Usage -> JSON (`.lmms/usage.json`, `lmms usage --format json`).
/// Keys keep a fixed order; `schema_version` comes first.

#include <string>
#include <string_view>

#include "base/error.hpp"
#include "model/usage.hpp"

namespace lmms::model {

std::string usage_to_json(const Usage& usage);

/// `file_name` is used in messages.
Expected<Usage> usage_from_json(std::string_view text, const std::string& file_name);

}  // namespace lmms::model

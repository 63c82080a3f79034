#pragma once
/// Usage -> JSON (`.lmms/usage.json`, `lmms usage --format json`).
/// Keys keep a fixed order; `schema_version` comes first.

#include <string>

#include "model/usage.hpp"

namespace lmms::model {

std::string usage_to_json(const Usage& usage);

}  // namespace lmms::model

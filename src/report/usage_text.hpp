#pragma once
/// `lmms usage` as text (pure): a row per import site, then per library and
/// per kind of invocation.

#include <string>

#include "model/usage.hpp"

namespace lmms::report {

std::string usage_to_text(const model::Usage& usage);

}  // namespace lmms::report

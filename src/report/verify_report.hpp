#pragma once
/// `lmms verify` as text (verify_text.cpp) and JSON (verify_json.cpp): pure
/// functions of one Verification.

#include <string>

#include "model/verification.hpp"

namespace lmms::report {

/// `working` names the working tree in the header (the project's directory).
std::string verify_to_text(const model::Verification& verification, const std::string& working);
std::string verify_to_json(const model::Verification& verification);

}  // namespace lmms::report

#pragma once
/// `lmms compare` as text, JSON, GitHub Actions annotations and SARIF 2.1.0
/// (pure functions of the comparison).

#include <string>

#include "model/profile.hpp"
#include "policy/compare.hpp"

namespace lmms::report {

std::string compare_to_text(const policy::Comparison& comparison, const model::Profile& baseline,
                            const model::Profile& current);
std::string compare_to_json(const policy::Comparison& comparison);
/// `::error file=…,line=…::` on each responsible import line when there is a regression, else a notice.
std::string compare_to_github(const policy::Comparison& comparison);
/// One LMMS301 result per responsible import line when there is a regression; none otherwise.
std::string compare_to_sarif(const policy::Comparison& comparison);

}  // namespace lmms::report

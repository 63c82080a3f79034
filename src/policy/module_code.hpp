#pragma once
/// The cold start that is code, not imports (pure, TRAPS.md 24, 26): for each
/// project module on the cold path whose own self time is above fast-ms, the
/// module-level statements that spend it, and the import hooks whose work
/// -X importtime bills to whichever module came next. Advice: no action.

#include <cstdint>
#include <string>
#include <vector>

#include "model/profile.hpp"

namespace lmms::policy {

struct ModuleCodeLine {
    std::string file;  ///< project-relative
    uint32_t line = 0;
    std::string text;  ///< the statement's first line, trimmed
    double ms = 0;     ///< its time at import, less the imports it made
    std::string module;
    double module_self_ms = 0;  ///< its module's own self time (median)
};

struct ImportHookLine {
    std::string finder;  ///< "module.QualifiedName"
    int64_t calls = 0;
    double ms = 0;
    std::string slowest_module;  ///< the lookup it took longest on
};

struct CodeCost {
    std::vector<ModuleCodeLine> statements;  ///< slowest first; then by file and line
    std::vector<ImportHookLine> hooks;       ///< slowest first; then by finder
};

/// `cold`: the profile's modules on the cold path before the plan (a flag per module).
CodeCost code_cost(const model::Profile& profile, const std::vector<bool>& cold, double fast_ms);

}  // namespace lmms::policy

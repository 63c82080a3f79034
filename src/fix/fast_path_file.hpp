#pragma once
/// An existing fast-path file read back (pure): which of its lines LMMS wrote
/// (the docstring, the tier headers, the documented imports, `__all__`, the
/// HISTORY) and which are the user's, kept byte for byte by the writer.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace lmms::fix {

enum class FastPathLine { docstring, tier_header, documented_import, all, history, user };

/// An import line LMMS wrote: `statement  # 1.2 ms, ..., profiled 2026-12-01`.
struct DocumentedImport {
    std::string statement;
    int tier = 1;
    std::optional<double> documented_ms;  ///< the first cost in its comment
};

/// A one-line import the user wrote (no LMMS comment).
struct HandImport {
    std::string statement;           ///< the code, without a trailing comment
    std::vector<std::string> names;  ///< what it binds; empty when not understood
    size_t line = 0;                 ///< 1-based
};

struct ExistingFastPath {
    std::vector<std::string> lines;  ///< without their newline
    std::vector<FastPathLine> kinds;
    std::vector<int> header_tier;  ///< per line: 1 or 2 for a tier header, else 0
    std::vector<DocumentedImport> documented;
    std::vector<HandImport> hand;
    std::vector<std::string> history;  ///< the lines under `# HISTORY:`
    bool has_history = false;
};

/// Fails (naming `file_name:LINE`) when a region LMMS rewrites holds code it
/// cannot keep: an `__all__` that is not a plain list of names, an
/// unterminated docstring.
Expected<ExistingFastPath> read_fast_path(std::string_view text, const std::string& file_name);

/// `import a.b as c, d` -> {c, d}; `from x import a, b as c` -> {a, c}; empty
/// when the statement is not one LMMS understands (parentheses, `*`, `;`).
std::vector<std::string> bound_names(std::string_view statement);

}  // namespace lmms::fix

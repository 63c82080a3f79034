#pragma once
/// The text `lmms init` writes: the `[tool.lmms]` section appended to a
/// pyproject.toml without touching its other bytes, the fast_path.py skeleton
/// and the CI test of LMMS-LESS-04. Pure functions: text in, text out.

#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "config/config.hpp"

namespace lmms::scaffold {

/// What the `[tool.lmms]` section says.
struct InitSection {
    std::string entry;  ///< empty: written commented out, to be set by the user
    std::vector<std::string> src{"."};
    std::string fast_path;  ///< project-relative, '/' separators
    std::string python;     ///< the interpreter found; empty: none, the key written commented out
    /// Empty: `python` is written as the key (the project's own environment). Else why it
    /// was found ("the first python3 on PATH"): written commented out, for the user to confirm.
    std::string python_unconfirmed;
    config::Thresholds thresholds;  ///< the defaults, unless the caller has others
    config::Traffic traffic;
};

/// The section, "\n" line endings, ending with a newline.
std::string lmms_section(const InitSection& section);

/// `pyproject` with `section` appended after its last line and one blank line
/// between them. Every byte of `pyproject` is kept; the section takes the
/// file's line ending (CRLF when its first line ends so).
std::string append_section(std::string_view pyproject, std::string_view section);

/// Whether a pyproject.toml's text has a `[tool.lmms]` table (or any
/// `[tool.lmms.*]`); an error `FILE:LINE: invalid TOML: ...` when it is not TOML,
/// and one when `tool` is not a table (nothing could be added to it).
Expected<bool> has_lmms_table(std::string_view pyproject, const std::string& file_name);

/// The fast_path.py skeleton, numbers from `thresholds`; `date` is YYYY-MM-DD.
/// `lmms fastpath` reads its `# HISTORY:` block back, so the format is fixed.
std::string fast_path_skeleton(const config::Thresholds& thresholds, std::string_view date);

/// What tests/test_fast_path.py checks.
struct FastPathTest {
    std::string module;  ///< the fast path's module name, e.g. "app.fast_path"
    std::vector<std::string> src{"."};
    double budget_ms = 200;  ///< median import time must be below
    int import_limit = 20;   ///< len(__all__) must be below
    int runs = 5;
};

/// tests/test_fast_path.py: unittest classes, stdlib only, so it runs under
/// both pytest and `python -m unittest`.
std::string fast_path_test(const FastPathTest& test);

/// `fast_path.py` in the directory of `module_file` (both project-relative, '/').
std::string fast_path_beside(std::string_view module_file);

/// The module name of `fast_path` (project-relative, '/') from the deepest
/// source root holding it: "src/app/fast_path.py" with src ["src"] -> "app.fast_path".
Expected<std::string> fast_path_module(std::string_view fast_path, const std::vector<std::string>& src);

}  // namespace lmms::scaffold

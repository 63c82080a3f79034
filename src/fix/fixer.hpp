#pragma once
/// The one fixer (pure): applies the styles' edits to a file, re-parses the
/// result, refuses a site whose edits would not parse, and loops until no
/// site has anything left to change (a fixed point; at most k_max_passes).

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fix/site_fix.hpp"
#include "policy/remedy.hpp"

namespace lmms::fix {

inline constexpr int k_max_passes = 8;

/// A site the plan makes lazy, named so it can be found again after other
/// edits moved it: its statement at module level and the names to defer.
struct LazyIntent {
    std::string statement;  ///< as python::import_statement_text spells it
    std::vector<std::string> names;
    std::vector<std::string> read_by;
    bool project_module = false;
    /// A move that pays off only with other rows' remedies (policy move_with_remedies):
    /// why it is unsafe, when one of them is.
    std::string unsafe_reason;
};

/// A site the plan cannot move as it is, with the remedy that unblocks it
/// (TRAPS.md B, A.1); found again each pass by its statement, as a LazyIntent.
struct RemedyIntent {
    std::string statement;  ///< as python::import_statement_text spells it
    std::vector<std::string> names;
    policy::Remedy remedy;
    /// Other files' `from <this module> import name`: name -> their `file:line`.
    std::map<std::string, std::vector<std::string>> imported_elsewhere;
};

/// Which fixes may be applied: the applicability and the --select/--ignore filters.
using FixFilter = std::function<std::string(const SiteFix&)>;  ///< why a fix is left out, or ""

struct FileFixResult {
    std::string text;              ///< the file after every applied fix (== the input when none)
    std::vector<SiteFix> applied;  ///< in the order they were applied
    std::vector<SiteFix> skipped;  ///< refused by the style, the filter or the parse guard
    int passes = 0;
    std::string error;  ///< the file as read does not parse: nothing is done to it
};

struct FileInput {
    std::string path;
    std::string module;
    bool package_init = false;
    std::string bytes;
};

FileFixResult fix_file(const FileInput& input, const std::vector<LazyIntent>& intents, Style style,
                       const FixFilter& filter);
/// The same with remedies: theirs come first, and a lazy site a remedy
/// carries with it (SiteFix::carries) is left to the remedy.
FileFixResult fix_file(const FileInput& input, const std::vector<LazyIntent>& intents,
                       const std::vector<RemedyIntent>& remedies, Style style, const FixFilter& filter);

}  // namespace lmms::fix

#pragma once
/// The fast-path file (LMMS-DEC-04, LMMS-LESS-04), written from a plan
/// (pure): a docstring with the criteria, the date last profiled and the
/// target; Tier 1 (lightweight) and Tier 2 (hot path) imports, each with its
/// measured cost, usage and date; `__all__`; and the HISTORY, which is kept
/// and gains one dated line whenever the rest changes. Same plan and same
/// file in: byte-identical file out.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/plan.hpp"

namespace lmms::fix {

struct FastPathEntry {
    std::string statement;  ///< `import json`, `from app import storage`
    std::vector<std::string> names;
    int tier = 1;  ///< 1 lightweight, 2 hot path
    std::string comment;
    double cost_ms = 0;  ///< the cost its comment documents
};

/// The imports the plan puts in the fast path, by tier, then statement.
std::vector<FastPathEntry> fast_path_entries(const policy::Plan& plan);

struct FastPathFile {
    std::string text;
    bool changed = false;                     ///< differs from `existing`
    std::string history;                      ///< the HISTORY line added, if any
    size_t imports = 0;                       ///< import lines in the file: LMMS's and the user's
    std::vector<std::string> added, removed;  ///< LMMS's documented lines
    std::vector<std::string> kept_hand;       ///< the user's import lines, newly recorded
    std::vector<std::string> hand_removed;    ///< lines the user deleted that the plan has, newly recorded
    std::vector<std::string> drift;           ///< tiers changed, costs past the tolerance
};

/// `existing`: the file's current text, if it exists. LMMS owns the regions
/// it writes (docstring, tier headers, its documented imports, `__all__`,
/// HISTORY); every other line is the user's and kept byte for byte. A user's
/// import stays and is recorded in HISTORY; a documented import the user
/// deleted is not put back but recorded as a decision. Fails, naming
/// `file:LINE`, when an owned region holds code it cannot keep.
Expected<FastPathFile> render_fast_path(const policy::Plan& plan, const std::optional<std::string>& existing,
                                        const config::FastPathTolerance& tolerance = {});

/// `--check`: what must change in the file; empty when it is current (costs
/// within the tolerance, same imports and tiers, every decision recorded).
std::vector<std::string> fast_path_findings(const FastPathFile& file, bool exists);

/// A unified diff of two texts (`---`/`+++` headers, the second naming the
/// command that would write `after`; 3 lines of context).
std::string unified_diff(std::string_view before, std::string_view after, const std::string& name,
                         std::string_view by = "lmms fastpath");

}  // namespace lmms::fix

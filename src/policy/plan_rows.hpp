#pragma once
/// The plan's rows (pure): one per module a project import site imports,
/// joined with the profile (what it loads at cold start) and the usage (which
/// invocations used its names, and where it is used at import time), then
/// grouped into the decisions the lazy-set solver takes.

#include <optional>
#include <string>
#include <vector>

#include "model/usage.hpp"
#include "policy/lazy_set.hpp"
#include "policy/plan.hpp"
#include "policy/readers_rule.hpp"
#include "python/scan.hpp"

namespace lmms::policy {

/// A plan row with what deciding it needs.
struct Draft {
    PlanItem item;
    const ProjectModule* file = nullptr;
    const python::ImportSite* site = nullptr;  ///< the statement it is (part of)
    bool module_level = false;
    bool type_checking = false;
    bool in_entry = false;
    bool in_fast_path = false;
    bool imports_fast_path = false;
    bool file_on_cold_path = false;
    std::optional<uint32_t> importer;  ///< the profile module holding it
    std::vector<uint32_t> targets;     ///< profile modules this row imports on the cold path
    Cut edges;                         ///< what making it lazy cuts
    const model::SiteUsage* usage = nullptr;
    std::optional<size_t> name_index;           ///< for a split row: its name in the usage row
    std::optional<uint32_t> static_module_use;  ///< a load of its names that runs with the module
    std::string static_module_use_file;         ///< set when that load is in a star-importing file
    bool usage_stale = false;
    std::vector<NameReader> readers;  ///< other modules' readers of its names (module-level candidates)
    bool annotated = false;  ///< its names are read in annotations (a TYPE_CHECKING candidate, not unread)
};

struct Rows {
    std::vector<Draft> drafts;        ///< by file, then statement, as scanned
    std::vector<Decision> decisions;  ///< each draft in exactly one (PlanItem::group - 1)
    std::string entry_file;           ///< project-relative; empty when the entry is not a project file
};

/// `readers`: the project as python::readers_of needs it, built once per plan.
Rows build_rows(const PlanInputs& inputs, const ColdPath& cold, const ProjectReaders& readers);

}  // namespace lmms::policy

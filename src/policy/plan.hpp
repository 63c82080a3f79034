#pragma once
/// The plan (pure): every import site of the project with its tier (the tier
/// table of LMMS-03), the action that follows, the reason in numbers, what it
/// saves, and the cold start predicted once the whole plan is applied.
///
/// Costs come from the profile's import graph: the cost of an import is what
/// would leave the cold path if it were lazy, given the rest of the plan, so a
/// module shared by several imports is counted once, and only when all of them
/// leave. The lazy set grows to a fixed point: making one import lazy can only
/// raise what another one keeps on the cold path.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "model/profile.hpp"
#include "model/usage.hpp"
#include "policy/cost_model.hpp"
#include "policy/module_code.hpp"
#include "policy/reason.hpp"
#include "policy/remedy.hpp"
#include "policy/tier.hpp"
#include "python/scan.hpp"

namespace lmms::policy {

inline constexpr int k_plan_schema_version =
    3;  ///< 2: items carry reason_code and why; 3: remedy, module_code

enum class Action : uint8_t {
    keep,          ///< stays where it is
    fast_path,     ///< a module-level import of the entry: move it into the fast path
    in_fast_path,  ///< in the fast path, and stays there
    exception,     ///< stays at module level as a documented hot-path exception (fast path, Tier 2)
    lazy,          ///< move to function level, into the functions that use it
    hoist,         ///< an over-lazy function-level import: move to module level
    cannot_move,   ///< would be lazy, but it is used while its module is imported
    unclassified,  ///< a number the tier table needs is missing; never guessed
};

const char* action_name(Action action);

struct PlanItem {
    std::string file;  ///< project-relative
    uint32_t line = 0;
    uint32_t col = 0;
    std::string statement;  ///< the whole statement, as the scanner reads it
    std::string module;     ///< the module this row imports (one name of a split `from pkg import a, b`)
    std::vector<std::string> names;  ///< the names it binds
    std::string library;             ///< top-level package
    std::string scope;               ///< "<module>" or the function's qualname
    bool split = false;              ///< one name of a `from package import a, b` of submodules
    bool on_cold_path = false;       ///< ran when the entry was imported (the profile saw it)

    std::optional<double> cost_ms;        ///< what would leave the cold path with it, given the plan
    std::optional<double> cumulative_ms;  ///< its module's own cumulative import time, when profiled
    std::optional<size_t> used;           ///< invocations that used it (its group's, for a library)
    size_t invocations = 0;
    std::optional<uint32_t> import_time_line;
    std::string import_time_function;
    std::string import_time_file;  ///< set when the line is in a file that star-imports this one
    std::string kept_through;      ///< where else its modules are imported eagerly (`file:line` or a module)

    Tier tier = Tier::none;
    Action action = Action::keep;
    Reason why;                             ///< the reason as data: code, numbers, thresholds, blocking lines
    std::string reason;                     ///< render_reason(why): the text of `lmms plan`
    std::vector<std::string> functions;     ///< lazy: where it is used; hoist: where it is imported now
    double saving_ms = 0;                   ///< lazy: what leaves the cold path through it alone
    double load_ms = 0;                     ///< lazy: what its first use in a process pays
    std::optional<CostFigures> figures;     ///< lazy: the cost model
    std::optional<CostSpread> cost_spread;  ///< cost_ms's range across the profile's runs
    bool borderline = false;                ///< the range straddles a threshold: it keeps its place
    size_t group = 0;                       ///< rows decided together share a number
    std::optional<Remedy> remedy;           ///< cannot_move: what unblocks it
    /// A project module configures its library at import time (`plotlib.use("Agg")`):
    /// the fast path must not import it before that call runs.
    bool configured_at_import_time = false;
};

struct PlanSummary {
    double measured_ms = 0;   ///< cold start, median of the profile
    double predicted_ms = 0;  ///< after the whole plan
    double saved_ms = 0;      ///< = measured - predicted: each module counted once
    double shared_ms = 0;     ///< part of saved_ms that no single lazy import frees alone
    double improvement = 0;   ///< saved / measured
    double modules_before = 0;
    double modules_after = 0;
    size_t lazy = 0, hoist = 0, fast_path = 0, exceptions = 0, cannot_move = 0, unclassified = 0;
    double fast_path_ms = 0;  ///< the fast path's imports, each counted once
    size_t fast_path_imports = 0;
    /// What applying every remedy would save on top of the plan, each module counted
    /// once (not in predicted_ms); the rows with a remedy, and those `lmms fix
    /// --unsafe-fixes` applies.
    double remedies_ms = 0;
    size_t remedies = 0, remedies_applied = 0;
};

struct Plan {
    config::Thresholds thresholds;
    config::Traffic traffic;
    std::string entry;
    std::string entry_module;
    std::string entry_file;        ///< project-relative; empty when the entry is not a project file
    std::string fast_path_file;    ///< project-relative
    std::string fast_path_module;  ///< dotted
    std::string profiled;          ///< the profile's creation time (ISO 8601)
    std::string python_version;
    bool has_usage = false;
    std::string usage_workload;  ///< e.g. "events events.jsonl (120 invocations)"
    size_t invocations = 0;
    std::string usage_command;  ///< what to run when usage data is missing
    std::vector<std::string> notes;
    std::vector<PlanItem> items;  ///< by file, then line
    CodeCost code;                ///< module-level code and import hooks above fast-ms: advice
    PlanSummary summary;
};

struct ProjectModule {
    std::string path;    ///< project-relative
    std::string module;  ///< dotted; empty when under no source root
    const python::FileFacts* facts = nullptr;
};

struct PlanInputs {
    const model::Profile* profile = nullptr;
    const model::Usage* usage = nullptr;  ///< null when there is none
    std::vector<ProjectModule> files;
    std::string entry_module;
    std::string fast_path_file;
    std::string fast_path_module;
    config::Thresholds thresholds;
    config::Traffic traffic;
    std::string usage_command;  ///< e.g. `lmms usage --events events.jsonl`
};

Plan make_plan(const PlanInputs& inputs);

/// "5.0 % (6/120)": how the plan, its report and the fast path show a usage.
std::string usage_share(size_t used, size_t invocations);

/// Whether the fast-path file lists `item`: the fast path's own imports, the
/// entry's that move there, documented exceptions, and another module's hot
/// import on the cold path (listed for review). The plan's count and the file's
/// come from this one rule. A library a project module configures at import
/// time is never listed: the fast path would import it before that call.
bool listed_in_fast_path(const PlanItem& item);

/// The libraries a project module configures at import time (a configuring_call
/// use of a site importing them), each with the first such call's `file:line`.
std::vector<std::pair<std::string, std::string>> configured_libraries(const model::Usage& usage);

}  // namespace lmms::policy

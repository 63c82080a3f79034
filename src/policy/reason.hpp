#pragma once
/// Why a plan row got its action, as data: a stable code, the numbers, the
/// thresholds that decided and the source lines that block or bind. The text
/// of `lmms plan`, its JSON and diagnostics all render this one value.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "policy/tier.hpp"

namespace lmms::policy {

/// Stable codes (their names are in the plan JSON as `reason_code`): add new
/// ones at the end, never renumber or rename.
enum class ReasonCode : uint8_t {
    light,                     ///< tier table: < fast-ms
    hot,                       ///< tier table: fast-ms..heavy-ms, used > hot-usage
    cold,                      ///< tier table: fast-ms..heavy-ms, used <= hot-usage
    heavy_hot,                 ///< tier table: > heavy-ms, used > hot-usage
    heavy_cold,                ///< tier table: > heavy-ms, used <= hot-usage
    type_checking,             ///< under `if TYPE_CHECKING:`
    imports_fast_path,         ///< the statement imports the fast path itself
    preloaded,                 ///< its module is loaded before the entry runs
    not_on_cold_path,          ///< its file is not imported at cold start
    not_run,                   ///< its file is, but the statement did not run (a branch not taken)
    off_cold_path_after_plan,  ///< its file leaves the cold path once the plan is applied
    used_at_import_time,       ///< would be lazy, but is used while its module is imported
    no_usage,                  ///< the tier depends on usage, and there is no usage data
    stale_usage,               ///< the usage data has no row for this line
    loaded_anyway,             ///< function level; its module is on the cold path anyway: hoist
    hoist_hot,                 ///< function level, used > hot-usage: hoist
    function_level,            ///< function level, and it stays there
    side_effect,               ///< would be lazy, but no function of its file reads it
    import_cycle,              ///< function level; hoisting it would close an import cycle
    guarded,                   ///< function level inside a guard (try/except ImportError, if, with)
    never_succeeded,           ///< function level; the workload never saw it import successfully
    shadowed,                  ///< function level; the module binds the name otherwise
    read_elsewhere,            ///< would be lazy, but other modules read its names (pkg.Name, __all__, ...)
    import_failed,             ///< module level; every module it imports failed to import here (caught)
};

const char* reason_code_name(ReasonCode code);

/// How the cost was measured.
enum class CostBasis : uint8_t {
    none,        ///< no cost in the reason
    plain,       ///< "0.0 ms: ..."
    if_lazy,     ///< what would leave the cold path with it
    to_import,   ///< what it loads (a hot import)
    if_hoisted,  ///< what hoisting it would add
};

/// A cost's range across the profile's runs (ms): each module's fastest and
/// slowest self time, summed.
struct CostSpread {
    double low_ms = 0;
    double high_ms = 0;
};

struct Threshold {
    std::string name;  ///< the `[tool.lmms.thresholds]` key: "fast-ms", "heavy-ms", "hot-usage"
    double value = 0;
};

struct SourceLine {
    std::string file;  ///< project-relative
    uint32_t line = 0;
    std::string function;   ///< set when the line runs in a function called at import time
    bool same_file = true;  ///< in the row's own file
    std::string kind;       ///< a reader's kind when another module reads the name ("from_import", ...)
};

struct Reason {
    ReasonCode code = ReasonCode::not_on_cold_path;
    Tier tier = Tier::none;  ///< the tier table's row, when it was consulted
    std::optional<double> cost_ms;
    CostBasis basis = CostBasis::none;
    std::optional<size_t> used;  ///< invocations that used it, when known
    size_t invocations = 0;
    std::vector<Threshold> thresholds;  ///< those that decided, in the order the text names them
    std::vector<SourceLine> blocking;   ///< the lines that block the move (import-time uses, other bindings)
    std::string module;  ///< the module the text names (preloaded, loaded anyway, the lazy importer)
    std::optional<double> cumulative_ms;  ///< light: its module's own cumulative import time
    std::string kept_through;             ///< light: where else it stays on the cold path
    std::string command;                  ///< no_usage, stale_usage: what to run
    std::vector<std::string> cycle;       ///< import_cycle: the modules, first repeated last
    std::string guard;                    ///< guarded: the guard's kind
    std::optional<CostSpread> spread;     ///< the cost's range across runs, when it was measured
    std::optional<Threshold> borderline;  ///< the threshold the range straddles: the row keeps its place
    std::string remedy;                   ///< used_at_import_time: the edit that unblocks it, if one is known
    std::optional<double> remedy_saving_ms;  ///< what that edit would save
    std::string not_in_fast_path;  ///< why the fast path leaves it out (a project module configures it)
};

/// The reason as the plan's text shows it ("12.0 ms if lazy (10-100 ms, ...)").
std::string render_reason(const Reason& reason);

}  // namespace lmms::policy

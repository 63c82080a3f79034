#include "policy/reason.hpp"

#include <fmt/format.h>

#include "policy/plan.hpp"

namespace lmms::policy {

const char* reason_code_name(ReasonCode code) {
    switch (code) {
        case ReasonCode::light:
            return "light";
        case ReasonCode::hot:
            return "hot";
        case ReasonCode::cold:
            return "cold";
        case ReasonCode::heavy_hot:
            return "heavy_hot";
        case ReasonCode::heavy_cold:
            return "heavy_cold";
        case ReasonCode::type_checking:
            return "type_checking";
        case ReasonCode::imports_fast_path:
            return "imports_fast_path";
        case ReasonCode::preloaded:
            return "preloaded";
        case ReasonCode::not_on_cold_path:
            return "not_on_cold_path";
        case ReasonCode::not_run:
            return "not_run";
        case ReasonCode::off_cold_path_after_plan:
            return "off_cold_path_after_plan";
        case ReasonCode::used_at_import_time:
            return "used_at_import_time";
        case ReasonCode::no_usage:
            return "no_usage";
        case ReasonCode::stale_usage:
            return "stale_usage";
        case ReasonCode::loaded_anyway:
            return "loaded_anyway";
        case ReasonCode::hoist_hot:
            return "hoist_hot";
        case ReasonCode::function_level:
            return "function_level";
        case ReasonCode::side_effect:
            return "side_effect";
        case ReasonCode::import_cycle:
            return "import_cycle";
        case ReasonCode::guarded:
            return "guarded";
        case ReasonCode::never_succeeded:
            return "never_succeeded";
        case ReasonCode::shadowed:
            return "shadowed";
        case ReasonCode::read_elsewhere:
            return "read_elsewhere";
        case ReasonCode::import_failed:
            return "import_failed";
    }
    return "unknown";
}

namespace {

std::string ms(double value) {
    return fmt::format("{:.1f} ms", value);
}

/// A threshold of the reason, as the text shows it ("10", "2.5").
std::string limit(const Reason& reason, std::string_view name) {
    for (const Threshold& t : reason.thresholds)
        if (t.name == name)
            return fmt::format("{:g}", t.value);
    return "?";
}

std::string cost_text(const Reason& reason) {
    std::string cost = ms(reason.cost_ms.value_or(0));
    switch (reason.basis) {
        case CostBasis::if_lazy:
            return cost + " if lazy";
        case CostBasis::to_import:
            return cost + " to import";
        case CostBasis::if_hoisted:
            return cost + " if hoisted";
        case CostBasis::plain:
        case CostBasis::none:
            return cost;
    }
    return cost;
}

std::string usage_text(const Reason& reason) {
    return reason.used ? "used in " + usage_share(*reason.used, reason.invocations) : std::string();
}

/// The tier table's row, as the text shows it.
std::string band(const Reason& r) {
    std::string fast = limit(r, "fast-ms"), heavy = limit(r, "heavy-ms"), hot = limit(r, "hot-usage");
    switch (r.tier) {
        case Tier::light:
            return fmt::format("< {} ms: lightweight, module level at any usage", fast);
        case Tier::hot:
            return fmt::format("{}-{} ms, {} > {} %: hot path, module level", fast, heavy, usage_text(r),
                               hot);
        case Tier::cold:
            return fmt::format("{}-{} ms, {} <= {} %: function level", fast, heavy, usage_text(r), hot);
        case Tier::heavy_hot:
            return fmt::format("> {} ms, {} > {} %: module level as a documented hot-path exception", heavy,
                               usage_text(r), hot);
        case Tier::heavy_cold:
            return fmt::format("> {} ms, {} <= {} %: function level", heavy, usage_text(r), hot);
        case Tier::none:
            break;
    }
    return "";
}

/// "line 29", "app/handler.py:21", "line 10 in stamp(), called while the module is imported".
std::string where(const SourceLine& at) {
    std::string text =
        at.same_file ? fmt::format("line {}", at.line) : fmt::format("{}:{}", at.file, at.line);
    if (at.function.empty())
        return text;
    return fmt::format("{} in {}(), called while the module is imported", text, at.function);
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
    std::string text;
    for (const std::string& part : parts)
        text += (text.empty() ? "" : std::string(separator)) + part;
    return text;
}

std::string lines_text(const std::vector<SourceLine>& lines) {
    std::vector<std::string> parts;
    for (const SourceLine& at : lines)
        parts.push_back(at.line == 0 ? "a statement at module level" : where(at));
    return joined(parts, ", ");
}

/// "cli.py:12 (attribute), __all__ at line 3".
std::string readers_text(const std::vector<SourceLine>& lines) {
    std::vector<std::string> parts;
    for (const SourceLine& at : lines)
        parts.push_back(at.kind == "all_export" ? fmt::format("__all__ at line {}", at.line)
                                                : fmt::format("{}:{} ({})", at.file, at.line, at.kind));
    return joined(parts, ", ");
}

std::string tier_text(const Reason& r) {
    std::string text = fmt::format("{} ({})", cost_text(r), band(r));
    if (!r.kept_through.empty() && r.cumulative_ms)
        text += fmt::format("; its {} import stays on the cold path through {}", ms(*r.cumulative_ms),
                            r.kept_through);
    return text;
}

std::string import_time_text(const Reason& r) {
    std::string at = r.blocking.empty() ? "?" : where(r.blocking.front());
    if (r.tier == Tier::none)
        return fmt::format(
            "{} (>= {} ms); usage not measured, but used at import time, {}: it stays at module level "
            "whatever the usage",
            cost_text(r), limit(r, "fast-ms"), at);
    return tier_text(r) + "; but used at import time, " + at;
}

}  // namespace

namespace {

std::string render_code(const Reason& r) {
    switch (r.code) {
        case ReasonCode::light:
        case ReasonCode::hot:
        case ReasonCode::cold:
        case ReasonCode::heavy_hot:
        case ReasonCode::heavy_cold:
            return tier_text(r);
        case ReasonCode::type_checking:
            return "only for type checkers (if TYPE_CHECKING:)";
        case ReasonCode::imports_fast_path:
            return "imports the fast path";
        case ReasonCode::preloaded:
            if (r.basis == CostBasis::if_hoisted)
                return fmt::format(
                    "0.0 ms if hoisted (< {} ms): {} is loaded before the entry runs, so importing it here "
                    "is "
                    "only a lookup",
                    limit(r, "fast-ms"), r.module);
            return fmt::format("0.0 ms: {} is loaded before the entry runs", r.module);
        case ReasonCode::not_on_cold_path:
            return "not on the entry's cold path: its module is not imported at cold start";
        case ReasonCode::not_run:
            return "did not run at cold start (a branch not taken)";
        case ReasonCode::off_cold_path_after_plan:
            return fmt::format(
                "off the cold path once the plan is applied: its module {} is then imported lazily",
                r.module);
        case ReasonCode::used_at_import_time:
            return import_time_text(r);
        case ReasonCode::no_usage:
            return fmt::format(
                "unclassified: no usage data; {} (>= {} ms), so the tier depends on usage; run `{}`",
                cost_text(r), limit(r, "fast-ms"), r.command);
        case ReasonCode::stale_usage:
            return fmt::format(
                "unclassified: the usage data has no row for this line (the source changed since `lmms "
                "usage`?); {} (>= {} ms); run `{}` again",
                cost_text(r), limit(r, "fast-ms"), r.command);
        case ReasonCode::loaded_anyway:
            return fmt::format(
                "0.0 ms if hoisted (< {} ms): {} is imported at cold start anyway, so importing it here is "
                "only a lookup",
                limit(r, "fast-ms"), r.module);
        case ReasonCode::hoist_hot:
            return fmt::format(
                "{} > {} %: module level at any import cost (its cost is not profiled: nothing imports it at "
                "cold start; `lmms profile` after hoisting measures it and says whether it needs a "
                "documented "
                "exception)",
                usage_text(r), limit(r, "hot-usage"));
        case ReasonCode::function_level:
            return fmt::format(
                "function level{}; its import cost is not profiled (nothing imports it at cold start)",
                r.used ? ", " + usage_text(r) : std::string());
        case ReasonCode::side_effect:
            return tier_text(r) +
                   "; but no function of its file reads it: a side-effect import or a re-export until proven "
                   "otherwise, so it stays";
        case ReasonCode::import_cycle:
            return fmt::format("function level; hoisting it would close an import cycle ({}), so it stays",
                               joined(r.cycle, " -> "));
        case ReasonCode::guarded:
            return fmt::format(
                "function level inside a guard ({}): hoisting it would run it unguarded, so it stays",
                r.guard);
        case ReasonCode::never_succeeded:
            return fmt::format(
                "function level, and the workload never saw it import successfully ({}): an import that may "
                "fail here (a platform or version difference) is not hoisted",
                r.used ? usage_text(r) : std::string("no usage data"));
        case ReasonCode::shadowed:
            return fmt::format(
                "function level; the module binds {} otherwise ({}): hoisting it would shadow that binding "
                "or "
                "be shadowed by it, so it stays",
                r.module, lines_text(r.blocking));
        case ReasonCode::read_elsewhere:
            return tier_text(r) + "; but read from other modules (" + readers_text(r.blocking) +
                   "): moving it into this file's functions would break them, so it cannot move as it is";
        case ReasonCode::import_failed:
            return fmt::format(
                "its import fails here ({} raised ImportError at cold start, and the failure is caught): it "
                "loads nothing, so it stays as it is",
                r.module);
    }
    return "";
}

}  // namespace

std::string render_reason(const Reason& r) {
    std::string text = render_code(r);
    if (r.borderline && r.spread)
        text += fmt::format(
            "; borderline: {:.1f}-{:.1f} ms across the runs straddles {} = {:g}, so it keeps its place",
            r.spread->low_ms, r.spread->high_ms, r.borderline->name, r.borderline->value);
    if (!r.remedy.empty())
        text += fmt::format("; remedy: {}{}", r.remedy,
                            r.remedy_saving_ms ? fmt::format(" (saves {})", ms(*r.remedy_saving_ms)) : "");
    if (!r.not_in_fast_path.empty())
        text += "; " + r.not_in_fast_path;
    return text;
}

}  // namespace lmms::policy

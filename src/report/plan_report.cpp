#include "report/plan_report.hpp"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

namespace lmms::report {

namespace {

using policy::Action;
using policy::PlanItem;
using Json = nlohmann::ordered_json;

std::string joined(const std::vector<std::string>& names, std::string_view suffix = "") {
    std::string text;
    for (const std::string& name : names)
        text += (text.empty() ? "" : ", ") + name + std::string(suffix);
    return text;
}

std::string cost_text(const PlanItem& item) {
    return item.cost_ms ? fmt::format("{:.1f} ms", *item.cost_ms) : "-";
}

std::string usage_text(const PlanItem& item) {
    return item.used ? policy::usage_share(*item.used, item.invocations) : "-";
}

std::string location(const PlanItem& item) {
    return fmt::format("{}:{}", item.file, item.line);
}

std::string row_head(const PlanItem& item) {
    std::string statement = item.statement;
    if (item.split && statement.find(',') != std::string::npos)
        statement += fmt::format("  [{}]", item.names.front());
    return fmt::format("  {}  {}\n      {}, tier {}{}, cost {}, usage {}\n", location(item), statement,
                       policy::action_name(item.action), policy::tier_name(item.tier),
                       item.borderline ? " (borderline)" : "", cost_text(item), usage_text(item));
}

std::string what_to_do(const PlanItem& item, const policy::Plan& plan) {
    switch (item.action) {
        case Action::lazy:
            return fmt::format("move it into {}",
                               joined(item.functions, "()"));  // never empty: see side_effect
        case Action::hoist:
            return fmt::format("hoist it out of {}() to module level{}", item.scope,
                               item.file == plan.fast_path_file ? "" : " (in the fast path, for the entry)");
        case Action::fast_path:
            return fmt::format("move it into the fast path, {}", plan.fast_path_file);
        case Action::exception:
            return fmt::format("keep it at module level; document it in the fast path's Tier 2 ({})",
                               plan.fast_path_file);
        case Action::keep:
            if (item.remedy && item.remedy->kind == policy::RemedyKind::move_with_remedies)
                return "keep it alone: it saves nothing while other imports keep its modules; the remedy "
                       "below moves it with theirs";
            return "";
        case Action::cannot_move:
            if (item.why.code == policy::ReasonCode::read_elsewhere)
                return "keep it as it is: other modules read its names; the remedy below defers it";
            return "keep it: it cannot move without changing the code that uses it at import time";
        default:
            return "";
    }
}

std::string figures_text(const PlanItem& item) {
    if (!item.figures)
        return "";
    const policy::CostFigures& f = *item.figures;
    std::string init = fmt::format("init -{:.1f} ms per cold start", f.init_saved_ms);
    if (item.cost_ms && *item.cost_ms > f.init_saved_ms + 0.05)
        init = fmt::format(
            "init -{:.1f} ms per cold start alone, -{:.1f} ms with the other lazy imports that share "
            "its modules",
            f.init_saved_ms, *item.cost_ms);
    return fmt::format(
        "      cost model: {}; {:.2f} % of requests pay +{:.1f} ms on their path (P95 +{:.1f} ms, P99 "
        "+{:.1f} ms); "
        "import CPU per day {:.0f} ms at module level, {:.0f} ms lazy\n",
        init, 100.0 * f.paying_share, f.added_ms, f.p95_added_ms, f.p99_added_ms, f.module_ms_per_day,
        f.lazy_ms_per_day);
}

/// Under a blocked row: its remedy, how lmms fix treats it, and every line that blocks it.
std::string remedy_text(const PlanItem& item) {
    if (!item.remedy)
        return "";
    const policy::Remedy& r = *item.remedy;
    const char* applied = r.fix == policy::RemedyFix::safe     ? "lmms fix applies it"
                          : r.fix == policy::RemedyFix::unsafe ? "lmms fix --unsafe-fixes applies it"
                                                               : "by hand";
    std::string blocking;
    for (const policy::BlockingLine& at : r.blocking)
        blocking += fmt::format("{}{}:{} {}", blocking.empty() ? "" : ", ", at.file, at.line, at.kind);
    std::string text = fmt::format("      remedy {} ({}), saves {:.1f} ms: {}\n",
                                   policy::remedy_kind_name(r.kind), applied, r.saving_ms, r.edit);
    if (!blocking.empty())
        text += fmt::format("      blocking: {}\n", blocking);
    return text;
}

/// Module-level code above fast-ms, slowest first, and import hooks: advice, no action.
void code_section(std::string& out, const policy::CodeCost& code) {
    if (code.statements.empty() && code.hooks.empty())
        return;
    out +=
        fmt::format("\nModule-level code (not imports) ({})\n", code.statements.size() + code.hooks.size());
    for (const policy::ModuleCodeLine& line : code.statements)
        out += fmt::format("  {}:{} `{}` {:.1f} ms at import\n", line.file, line.line, line.text, line.ms);
    for (const policy::ImportHookLine& hook : code.hooks)
        out += fmt::format(
            "  import hook {}: {:.1f} ms in {} lookups{} (billed by -X importtime to the module "
            "found next)\n",
            hook.finder, hook.ms, hook.calls,
            hook.slowest_module.empty() ? "" : ", slowest " + hook.slowest_module);
    out += "  advice: this time is spent by code, not imports; no import move saves it\n";
}

void section(std::string& out, const std::string& title, const policy::Plan& plan, auto predicate,
             bool brief) {
    std::string rows;
    size_t count = 0;
    for (const PlanItem& item : plan.items) {
        if (!predicate(item))
            continue;
        ++count;
        if (brief) {
            rows += fmt::format("  {}  {}  ({}: {})\n", location(item), item.statement,
                                policy::action_name(item.action), item.reason);
            continue;
        }
        rows += row_head(item);
        std::string todo = what_to_do(item, plan);
        if (!todo.empty())
            rows += fmt::format("      -> {}\n", todo);
        rows += fmt::format("      because {}\n", item.reason);
        rows += remedy_text(item);
        rows += figures_text(item);
    }
    if (count == 0)
        return;
    out += fmt::format("\n{} ({})\n", title, count);
    out += rows;
}

const char* basis_name(policy::CostBasis basis) {
    switch (basis) {
        case policy::CostBasis::none:
            return "none";
        case policy::CostBasis::plain:
            return "plain";
        case policy::CostBasis::if_lazy:
            return "if_lazy";
        case policy::CostBasis::to_import:
            return "to_import";
        case policy::CostBasis::if_hoisted:
            return "if_hoisted";
    }
    return "none";
}

Json reason_json(const policy::Reason& why) {
    Json thresholds = Json::array();
    for (const policy::Threshold& t : why.thresholds)
        thresholds.push_back({{"name", t.name}, {"value", t.value}});
    Json blocking = Json::array();
    for (const policy::SourceLine& at : why.blocking)
        blocking.push_back({{"file", at.file},
                            {"line", at.line},
                            {"function", at.function.empty() ? Json(nullptr) : Json(at.function)},
                            {"kind", at.kind.empty() ? Json(nullptr) : Json(at.kind)}});
    auto text_or_null = [](const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); };
    return {
        {"code", policy::reason_code_name(why.code)},
        {"tier", policy::tier_name(why.tier)},
        {"cost_ms", why.cost_ms ? Json(*why.cost_ms) : Json(nullptr)},
        {"cost_basis", basis_name(why.basis)},
        {"used", why.used ? Json(*why.used) : Json(nullptr)},
        {"invocations", why.invocations},
        {"usage_share", why.used && why.invocations > 0
                            ? Json(static_cast<double>(*why.used) / static_cast<double>(why.invocations))
                            : Json(nullptr)},
        {"thresholds", std::move(thresholds)},
        {"blocking", std::move(blocking)},
        {"module", text_or_null(why.module)},
        {"cumulative_ms", why.cumulative_ms ? Json(*why.cumulative_ms) : Json(nullptr)},
        {"kept_through", text_or_null(why.kept_through)},
        {"command", text_or_null(why.command)},
        {"cycle", why.cycle},
        {"guard", text_or_null(why.guard)},
        {"borderline", why.borderline ? Json{{"name", why.borderline->name}, {"value", why.borderline->value}}
                                      : Json(nullptr)}};
}

Json remedy_json(const PlanItem& item) {
    if (!item.remedy)
        return nullptr;
    const policy::Remedy& r = *item.remedy;
    Json blocking = Json::array();
    for (const policy::BlockingLine& at : r.blocking)
        blocking.push_back({{"file", at.file}, {"line", at.line}, {"kind", at.kind}});
    return {{"kind", policy::remedy_kind_name(r.kind)},
            {"fix", policy::remedy_fix_name(r.fix)},
            {"edit", r.edit},
            {"saving_ms", r.saving_ms},
            {"blocking", std::move(blocking)},
            {"readers", r.readers},
            {"with", r.with}};
}

}  // namespace

std::string improvement_verdict(const policy::PlanSummary& summary) {
    double improvement = summary.improvement;
    if (improvement < 0.0005 && summary.unclassified > 0)
        return fmt::format("nothing predicted: {} sites need usage data", summary.unclassified);
    if (improvement < 0.0005)
        return "nothing left to move";
    if (improvement > 0.60)
        return "excellent (> 60 %)";
    if (improvement > 0.40)
        return "meets the target (> 40 %)";
    return "below the target (> 40 %)";
}

std::string plan_to_text(const policy::Plan& plan) {
    const config::Thresholds& t = plan.thresholds;
    const policy::PlanSummary& s = plan.summary;
    std::string out = fmt::format("lmms plan for {} (profiled {}, Python {})\n", plan.entry, plan.profiled,
                                  plan.python_version);
    out += plan.has_usage ? fmt::format("usage: {}\n", plan.usage_workload)
                          : fmt::format("usage: none; sites that need it are unclassified (run `{}`)\n",
                                        plan.usage_command);
    out += fmt::format("tier table: light < {:g} ms, heavy > {:g} ms, hot path above {:g} % usage\n",
                       t.fast_ms, t.heavy_ms, t.hot_usage);
    out += fmt::format("traffic: {:.0f} requests/day, cold-start rate {:g} %{}\n",
                       plan.traffic.requests_per_day, 100.0 * plan.traffic.cold_start_rate,
                       plan.traffic.configured              ? ""
                       : plan.traffic.every_invocation_cold ? " (commands: each one is a fresh process)"
                                                            : " (defaults; set [tool.lmms.traffic])");
    out += fmt::format("fast path: {}\n", plan.fast_path_file);
    for (const std::string& note : plan.notes)
        out += fmt::format("note: {}\n", note);

    section(
        out, "To change", plan,
        [](const PlanItem& i) {
            return i.action == Action::lazy || i.action == Action::hoist || i.action == Action::fast_path;
        },
        false);
    section(
        out, "Stays at module level, documented", plan,
        [](const PlanItem& i) {
            return i.action == Action::exception || i.action == Action::cannot_move ||
                   (i.action == Action::keep && i.remedy);
        },
        false);
    section(
        out, "Unclassified", plan, [](const PlanItem& i) { return i.action == Action::unclassified; }, false);
    section(
        out, "Unchanged", plan,
        [](const PlanItem& i) {
            return (i.action == Action::keep && !i.remedy) || i.action == Action::in_fast_path;
        },
        true);

    code_section(out, plan.code);
    out += "\nSummary\n";
    out += fmt::format(
        "  cold start: {:.1f} ms measured -> {:.1f} ms predicted after the plan (-{:.1f} ms, "
        "{:.1f} %: {})\n",
        s.measured_ms, s.predicted_ms, s.saved_ms, 100.0 * s.improvement, improvement_verdict(s));
    if (s.shared_ms > 0.05)
        out += fmt::format(
            "  of the saving, {:.1f} ms are modules shared by several lazy imports (counted once)\n",
            s.shared_ms);
    if (s.remedies > 0)
        out += fmt::format(
            "  remedies would save up to {:.1f} ms more ({} rows; lmms fix --unsafe-fixes applies {}); the "
            "prediction above leaves them out\n",
            s.remedies_ms, s.remedies, s.remedies_applied);
    out += fmt::format("  modules at cold start: {:.0f} -> {:.0f}\n", s.modules_before, s.modules_after);
    out += fmt::format("  fast path: {} imports, {:.1f} ms (targets: < 200 ms, fewer than 20 imports)\n",
                       s.fast_path_imports, s.fast_path_ms);
    out += fmt::format(
        "  actions: {} lazy, {} hoist, {} into the fast path, {} documented exceptions, {} cannot "
        "move, {} unclassified\n",
        s.lazy, s.hoist, s.fast_path, s.exceptions, s.cannot_move, s.unclassified);
    return out;
}

std::string plan_to_json(const policy::Plan& plan) {
    const policy::PlanSummary& s = plan.summary;
    Json json;
    json["schema_version"] = policy::k_plan_schema_version;
    json["entry"] = plan.entry;
    json["profiled"] = plan.profiled;
    json["python_version"] = plan.python_version;
    json["usage"] = plan.has_usage
                        ? Json{{"workload", plan.usage_workload}, {"invocations", plan.invocations}}
                        : Json(nullptr);
    json["usage_command"] = plan.usage_command;
    json["thresholds"] = {{"fast_ms", plan.thresholds.fast_ms},
                          {"heavy_ms", plan.thresholds.heavy_ms},
                          {"hot_usage", plan.thresholds.hot_usage}};
    json["traffic"] = {{"requests_per_day", plan.traffic.requests_per_day},
                       {"cold_start_rate", plan.traffic.cold_start_rate},
                       {"configured", plan.traffic.configured}};
    json["fast_path"] = {{"file", plan.fast_path_file}, {"module", plan.fast_path_module}};
    json["notes"] = plan.notes;
    json["summary"] = {{"measured_ms", s.measured_ms},
                       {"predicted_ms", s.predicted_ms},
                       {"saved_ms", s.saved_ms},
                       {"shared_ms", s.shared_ms},
                       {"improvement", s.improvement},
                       {"verdict", improvement_verdict(s)},
                       {"modules_before", s.modules_before},
                       {"modules_after", s.modules_after},
                       {"fast_path_imports", s.fast_path_imports},
                       {"fast_path_ms", s.fast_path_ms},
                       {"lazy", s.lazy},
                       {"hoist", s.hoist},
                       {"fast_path", s.fast_path},
                       {"exceptions", s.exceptions},
                       {"cannot_move", s.cannot_move},
                       {"unclassified", s.unclassified},
                       {"remedies_ms", s.remedies_ms},
                       {"remedies", s.remedies},
                       {"remedies_applied", s.remedies_applied}};
    json["module_code"] = Json::array();
    for (const policy::ModuleCodeLine& line : plan.code.statements)
        json["module_code"].push_back({{"file", line.file},
                                       {"line", line.line},
                                       {"text", line.text},
                                       {"ms", line.ms},
                                       {"module", line.module},
                                       {"module_self_ms", line.module_self_ms}});
    json["import_hooks"] = Json::array();
    for (const policy::ImportHookLine& hook : plan.code.hooks)
        json["import_hooks"].push_back({{"finder", hook.finder},
                                        {"calls", hook.calls},
                                        {"ms", hook.ms},
                                        {"slowest_module", hook.slowest_module}});
    json["items"] = Json::array();
    for (const PlanItem& item : plan.items) {
        Json row = {
            {"file", item.file},
            {"line", item.line},
            {"col", item.col},
            {"statement", item.statement},
            {"module", item.module},
            {"names", item.names},
            {"library", item.library},
            {"scope", item.scope},
            {"split", item.split},
            {"on_cold_path", item.on_cold_path},
            {"group", item.group},
            {"tier", policy::tier_name(item.tier)},
            {"action", policy::action_name(item.action)},
            {"reason", item.reason},
            {"reason_code", policy::reason_code_name(item.why.code)},
            {"why", reason_json(item.why)},
            {"functions", item.functions},
            {"cost_ms", item.cost_ms ? Json(*item.cost_ms) : Json(nullptr)},
            {"cost_spread", item.cost_spread ? Json{{"low_ms", item.cost_spread->low_ms},
                                                    {"high_ms", item.cost_spread->high_ms}}
                                             : Json(nullptr)},
            {"borderline", item.borderline},
            {"cumulative_ms", item.cumulative_ms ? Json(*item.cumulative_ms) : Json(nullptr)},
            {"used", item.used ? Json(*item.used) : Json(nullptr)},
            {"invocations", item.invocations},
            {"import_time_line", item.import_time_line ? Json(*item.import_time_line) : Json(nullptr)},
            {"import_time_function",
             item.import_time_function.empty() ? Json(nullptr) : Json(item.import_time_function)},
            {"saving_ms", item.saving_ms},
            {"load_ms", item.load_ms}};
        row["remedy"] = remedy_json(item);
        if (item.figures) {
            const policy::CostFigures& f = *item.figures;
            row["cost_model"] = {{"init_saved_ms", f.init_saved_ms},
                                 {"paying_share", f.paying_share},
                                 {"added_ms", f.added_ms},
                                 {"p95_added_ms", f.p95_added_ms},
                                 {"p99_added_ms", f.p99_added_ms},
                                 {"module_ms_per_day", f.module_ms_per_day},
                                 {"lazy_ms_per_day", f.lazy_ms_per_day}};
        } else {
            row["cost_model"] = nullptr;
        }
        json["items"].push_back(std::move(row));
    }
    return json.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace lmms::report

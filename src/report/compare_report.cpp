#include "report/compare_report.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace lmms::report {

namespace {

using Json = nlohmann::ordered_json;

std::string interval_text(const model::Interval& interval) {
    return fmt::format("[{:.1f}, {:.1f}]", interval.low, interval.high);
}

std::string text_of(const policy::Comparison& c, const model::Profile& baseline,
                    const model::Profile& current) {
    std::string out =
        fmt::format("lmms compare  {}  against .lmms/baseline.json ({}, {} runs; now {} runs)\n\n",
                    current.settings.entry, baseline.created, baseline.runs.size(), current.runs.size());
    const policy::SpeedCorrection& speed = c.speed;
    std::string label = speed.applied ? "measured" : "cold start";
    out += fmt::format("{:<10}  baseline {:>8.1f} ms   current {:>8.1f} ms   {:+.1f} %\n", label,
                       c.raw_before_median, c.raw_after_median, 100 * c.raw_change);
    if (speed.applied) {
        out += fmt::format(
            "machine     the {} modules outside the project both sides import took {:.1f} -> {:.1f} ms: "
            "the machine ran {:.1f} % {} now\n",
            speed.modules, speed.before_ms, speed.after_ms, 100 * std::abs(speed.factor - 1),
            speed.factor >= 1 ? "slower" : "faster");
        out += fmt::format(
            "corrected   baseline {:>8.1f} ms   current {:>8.1f} ms   {:+.1f} %   (each run scaled to the "
            "baseline's speed; --raw to compare as measured)\n",
            c.before_median, c.after_median, 100 * c.change);
    } else {
        out += fmt::format("            no speed correction: {}\n", speed.reason);
    }
    out += fmt::format(
        "            99 % intervals: baseline {}, current {}; ratio [{:.3f}, {:.3f}]; p(slower) = {:.2g}\n",
        interval_text(c.before_interval), interval_text(c.after_interval), c.ratio_interval.low,
        c.ratio_interval.high, c.slower.p_value);
    out += fmt::format("verdict: {}\n", c.verdict);
    std::string added, slower;
    for (const policy::ModuleDelta& m : c.modules) {
        std::string where = m.site.empty() ? "(no project import line)" : m.site + "  " + m.statement;
        if (m.added)
            added += fmt::format("  {:<24} {:>9.1f} ms  {}\n", m.module, m.after_ms, where);
        else
            slower += fmt::format("  {:<24} {:>9.1f} -> {:.1f} ms (p = {:.2g})  {}\n", m.module, m.before_ms,
                                  m.after_ms, m.p_value, where);
    }
    if (!added.empty())
        out +=
            "\nnew on the cold path (cumulative import time as measured, and the line that brings it in)\n" +
            added;
    if (!slower.empty())
        out += fmt::format("\nslower modules (self time, median{})\n", speed.applied ? ", corrected" : "") +
               slower;
    out += "\ntargets (LMMS index, \"Performance Targets\")\n";
    out += fmt::format("  {:<22} {:>10}   {:<13} {:<13} {}\n", "", "now", "target", "excellent", "measured");
    for (const policy::TargetRow& t : c.targets) {
        std::string unit = t.unit.empty() || t.unit == "%" ? t.unit : " " + t.unit;
        std::string value = !t.value         ? "n/a"
                            : t.unit.empty() ? fmt::format("{:g}", *t.value)
                                             : fmt::format("{:.1f}{}", *t.value, unit);
        std::string op = t.higher_is_better ? ">" : "<";
        auto bound = [&](bool met, double limit) {
            // Padded by hand: the mark is one column but three bytes.
            std::string text = fmt::format("{} {:g}{}", op, limit, unit);
            return fmt::format("{} {}{}", met ? "✓" : "✗", text,
                               std::string(text.size() < 11 ? 11 - text.size() : 0, ' '));
        };
        out += fmt::format("  {:<22} {:>10}   {} {} {}\n", t.name, value, bound(t.met(), t.target),
                           bound(t.excellent_met(), t.excellent), t.note);
    }
    return out;
}

std::string json_of(const policy::Comparison& c) {
    Json json;
    json["schema_version"] = policy::k_compare_schema_version;
    json["method"] = c.method;
    json["tolerance"] = c.options.tolerance;
    json["alpha"] = c.options.alpha;
    json["confidence"] = c.options.confidence;
    json["baseline"] = {{"median_ms", c.raw_before_median},
                        {"samples_ms", c.raw_before_ms},
                        {"compared_median_ms", c.before_median},
                        {"compared_interval_ms", {c.before_interval.low, c.before_interval.high}},
                        {"compared_samples_ms", c.before_ms}};
    json["current"] = {{"median_ms", c.raw_after_median},
                       {"samples_ms", c.raw_after_ms},
                       {"compared_median_ms", c.after_median},
                       {"compared_interval_ms", {c.after_interval.low, c.after_interval.high}},
                       {"compared_samples_ms", c.after_ms}};
    json["speed_correction"] = {{"applied", c.speed.applied},
                                {"reason", c.speed.applied ? Json(nullptr) : Json(c.speed.reason)},
                                {"control_modules", c.speed.modules},
                                {"control_before_ms", c.speed.before_ms},
                                {"control_after_ms", c.speed.after_ms},
                                {"factor", c.speed.factor}};
    json["raw_change"] = c.raw_change;
    json["change"] = c.change;
    json["ratio_interval"] = {c.ratio_interval.low, c.ratio_interval.high};
    json["p_slower"] = c.slower.p_value;
    json["p_faster"] = c.faster.p_value;
    json["exact"] = c.slower.exact;
    json["regression"] = c.regression;
    json["improvement"] = c.improvement;
    json["verdict"] = c.verdict;
    json["modules"] = Json::array();
    for (const policy::ModuleDelta& m : c.modules)
        json["modules"].push_back({{"module", m.module},
                                   {"added", m.added},
                                   {"before_ms", m.before_ms},
                                   {"after_ms", m.after_ms},
                                   {"p_value", m.p_value},
                                   {"site", m.site.empty() ? Json(nullptr) : Json(m.site)},
                                   {"statement", m.statement}});
    json["targets"] = Json::array();
    for (const policy::TargetRow& t : c.targets)
        json["targets"].push_back({{"name", t.name},
                                   {"value", t.value ? Json(*t.value) : Json(nullptr)},
                                   {"unit", t.unit},
                                   {"target", t.target},
                                   {"excellent", t.excellent},
                                   {"higher_is_better", t.higher_is_better},
                                   {"met", t.met()},
                                   {"excellent_met", t.excellent_met()},
                                   {"note", t.note}});
    return json.dump(1) + "\n";
}

/// "app/main.py:2" -> ("app/main.py", 2).
std::pair<std::string, int> file_line(const std::string& site) {
    size_t colon = site.rfind(':');
    if (colon == std::string::npos)
        return {site, 0};
    return {site.substr(0, colon), std::atoi(site.c_str() + colon + 1)};
}

std::string delta_message(const policy::ModuleDelta& m, const policy::Comparison& c) {
    std::string what =
        m.added ? fmt::format("{} is new on the cold path (+{:.1f} ms)", m.module, m.after_ms)
                : fmt::format("{} got slower ({:.1f} -> {:.1f} ms)", m.module, m.before_ms, m.after_ms);
    return fmt::format("{}; cold start {:+.1f} % against the baseline (p = {:.2g})", what, 100 * c.change,
                       c.slower.p_value);
}

/// GitHub Actions workflow commands: escape what would end the message or a property.
std::string escaped(const std::string& text, bool property) {
    std::string out;
    for (char ch : text) {
        if (ch == '%')
            out += "%25";
        else if (ch == '\r')
            out += "%0D";
        else if (ch == '\n')
            out += "%0A";
        else if (property && ch == ':')
            out += "%3A";
        else if (property && ch == ',')
            out += "%2C";
        else
            out += ch;
    }
    return out;
}

}  // namespace

std::string compare_to_text(const policy::Comparison& c, const model::Profile& baseline,
                            const model::Profile& current) {
    return text_of(c, baseline, current);
}

std::string compare_to_json(const policy::Comparison& c) {
    return json_of(c);
}

std::string compare_to_github(const policy::Comparison& c) {
    std::string out;
    if (!c.regression) {
        out += fmt::format("::notice title=lmms compare::{}\n", escaped(c.verdict, false));
        return out;
    }
    bool annotated = false;
    for (const policy::ModuleDelta& m : c.modules) {
        if (m.site.empty())
            continue;
        auto [file, line] = file_line(m.site);
        out += fmt::format("::error file={},line={},title=LMMS301 cold-start regression::{}\n",
                           escaped(file, true), line, escaped(delta_message(m, c), false));
        annotated = true;
    }
    if (!annotated)
        out += fmt::format("::error title=LMMS301 cold-start regression::{}\n", escaped(c.verdict, false));
    return out;
}

std::string compare_to_sarif(const policy::Comparison& c) {
    using Json = nlohmann::ordered_json;
    Json results = Json::array();
    if (c.regression) {
        for (const policy::ModuleDelta& m : c.modules) {
            Json result = {
                {"ruleId", "LMMS301"}, {"level", "error"}, {"message", {{"text", delta_message(m, c)}}}};
            if (!m.site.empty()) {
                auto [file, line] = file_line(m.site);
                result["locations"] =
                    Json::array({{{"physicalLocation",
                                   {{"artifactLocation", {{"uri", file}, {"uriBaseId", "%SRCROOT%"}}},
                                    {"region", {{"startLine", line}}}}}}});
            }
            results.push_back(std::move(result));
        }
        if (results.empty())
            results.push_back(
                {{"ruleId", "LMMS301"}, {"level", "error"}, {"message", {{"text", c.verdict}}}});
    }
    Json rule = {{"id", "LMMS301"},
                 {"name", "cold-start-regression"},
                 {"shortDescription", {{"text", "The cold start rose over the tolerance, significantly"}}},
                 {"fullDescription",
                  {{"text",
                    "lmms compare found the median cold start above the baseline's by more than the "
                    "tolerance, with a one-sided Mann-Whitney U test at p < 0.01; each result points at "
                    "the project import line that brings in a module new on the cold path or slower."}}}};
    Json sarif = {
        {"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/cos02/schemas/sarif-schema-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs",
         Json::array(
             {{{"tool",
                {{"driver", {{"name", "lmms"}, {"version", LMMS_VERSION}, {"rules", Json::array({rule})}}}}},
               {"results", results}}})}};
    return sarif.dump(1) + "\n";
}

}  // namespace lmms::report

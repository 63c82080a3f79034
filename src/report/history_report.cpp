#include "report/history_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace lmms::report {

namespace {

using Json = nlohmann::ordered_json;

/// Rows of the recordings' table shown in text; the trend uses them all.
constexpr size_t k_text_rows = 20;
constexpr size_t k_text_packages = 10;

/// "2026-12-02T01:40:00Z" -> "2026-12-02 01:40".
std::string when(const std::string& iso) {
    if (iso.size() < 16)
        return iso;
    std::string text = iso.substr(0, 16);
    text[10] = ' ';
    return text;
}

std::string commit_text(const model::Recording& r) {
    std::string commit = model::short_commit(r);
    return commit.empty() ? "-" : commit;
}

const char* kind_name(policy::TrendKind kind) {
    switch (kind) {
        case policy::TrendKind::too_few:
            return "too-few";
        case policy::TrendKind::steady:
            return "steady";
        case policy::TrendKind::creep:
            return "creep";
        case policy::TrendKind::jump:
            return "jump";
    }
    return "steady";
}

void trend_text(const policy::Trend& t, std::string& out) {
    out += fmt::format("\n{}  {} (Python {})  {} recordings\n", t.entry, t.python, t.python_version,
                       t.recordings.size());
    out += fmt::format("  {:>4}  {:<16}  {:<8}  {:<11}  {:>4}  {:>10}  {:>10}  {:>10}  {}\n", "#",
                       "recorded (UTC)", "kind", "commit", "runs", "median", "p95", "compared",
                       "against the baseline");
    size_t first = t.recordings.size() > k_text_rows ? t.recordings.size() - k_text_rows : 0;
    if (first > 0)
        out += fmt::format("  ({} older recordings not shown)\n", first);
    for (size_t i = first; i < t.recordings.size(); ++i) {
        const model::Recording& r = t.recordings[i];
        std::string against;
        if (r.change)
            against = fmt::format("{:+.1f} %{}", 100 * *r.change,
                                  r.regression.value_or(false) ? "  regression" : "");
        std::string row =
            fmt::format("  {:>4}  {:<16}  {:<8}  {:<11}  {:>4}  {:>7.1f} ms  {:>7.1f} ms  {:>7.1f} ms  {}",
                        r.id, when(r.recorded_at), r.kind, commit_text(r), r.runs, r.median_ms, r.p95_ms,
                        t.medians_ms[i], against);
        out += row.erase(row.find_last_not_of(' ') + 1) + "\n";
    }
    const std::vector<double>& medians = t.medians_ms;
    out += fmt::format("  {}\n", t.correction);
    if (!medians.empty())
        out += fmt::format("  trend  {}  {:.1f} -> {:.1f} ms (compared)\n", policy::sparkline(medians),
                           medians.front(), medians.back());
    out += fmt::format("  {}\n", t.verdict);
    if (t.grew.empty())
        return;
    out += fmt::format(
        "  modules that grew (each top-level package's import time, median of the first {} recordings -> the "
        "last {})\n",
        t.level_size, t.level_size);
    for (size_t i = 0; i < t.grew.size() && i < k_text_packages; ++i) {
        const policy::PackageGrowth& g = t.grew[i];
        out += fmt::format("    {:<24} {:>8.1f} -> {:>7.1f} ms  {:>+8.1f} ms{}{}\n", g.package, g.before_ms,
                           g.after_ms, g.after_ms - g.before_ms, g.added ? "  new" : "",
                           g.site.empty() ? "" : "  " + g.site);
    }
    if (t.grew.size() > k_text_packages)
        out += fmt::format("    ({} more in --format json)\n", t.grew.size() - k_text_packages);
}

Json recording_json(const model::Recording& r, double compared_ms) {
    Json modules = Json::array();
    for (size_t i = 0; i < r.modules.size() && i < 5; ++i)
        modules.push_back({{"module", r.modules[i].module},
                           {"self_ms", r.modules[i].self_ms},
                           {"cumulative_ms", r.modules[i].cumulative_ms}});
    return {{"id", r.id},
            {"recorded_at", r.recorded_at},
            {"kind", r.kind},
            {"git_commit", r.git_commit.empty() ? Json(nullptr) : Json(r.git_commit)},
            {"git_dirty", r.git_dirty},
            {"runs", r.runs},
            {"median_ms", r.median_ms},
            {"compared_median_ms", compared_ms},
            {"p95_ms", r.p95_ms},
            {"min_ms", r.min_ms},
            {"max_ms", r.max_ms},
            {"imports_ms", r.imports_ms},
            {"module_count", r.module_count},
            {"change", r.change ? Json(*r.change) : Json(nullptr)},
            {"regression", r.regression ? Json(*r.regression) : Json(nullptr)},
            {"top_modules", modules}};
}

}  // namespace

std::string history_to_text(const std::vector<policy::Trend>& trends, size_t total_recordings) {
    std::string out = fmt::format("lmms history  .lmms/history.sqlite  {} recordings\n", total_recordings);
    for (const policy::Trend& t : trends)
        trend_text(t, out);
    return out;
}

std::string history_to_json(const std::vector<policy::Trend>& trends, double tolerance) {
    Json json;
    json["schema_version"] = policy::k_history_schema_version;
    json["tolerance"] = tolerance;
    json["method"] = fmt::format(
        "per entry and interpreter: the median of the first and of the last {} recordings' cold-start "
        "medians "
        "(fewer when there are under {}); a rise over the tolerance is a jump when one recording alone rose "
        "over it against the level before it, else slow creep",
        policy::k_level_recordings, 3 * policy::k_level_recordings);
    json["trends"] = Json::array();
    for (const policy::Trend& t : trends) {
        Json grew = Json::array();
        for (const policy::PackageGrowth& g : t.grew)
            grew.push_back({{"package", g.package},
                            {"before_ms", g.before_ms},
                            {"after_ms", g.after_ms},
                            {"added", g.added},
                            {"site", g.site.empty() ? Json(nullptr) : Json(g.site)}});
        Json recordings = Json::array();
        for (size_t i = 0; i < t.recordings.size(); ++i)
            recordings.push_back(recording_json(t.recordings[i], t.medians_ms[i]));
        json["trends"].push_back({{"entry", t.entry},
                                  {"python", t.python},
                                  {"python_version", t.python_version},
                                  {"kind", kind_name(t.kind)},
                                  {"speed_corrected", t.speed_corrected},
                                  {"control_modules", t.control_modules},
                                  {"correction", t.correction},
                                  {"first_level_ms", t.first_level_ms},
                                  {"last_level_ms", t.last_level_ms},
                                  {"rise", t.rise},
                                  {"largest_step", t.largest_step},
                                  {"verdict", t.verdict},
                                  {"grew", grew},
                                  {"recordings", recordings}});
    }
    return json.dump(1) + "\n";
}

}  // namespace lmms::report

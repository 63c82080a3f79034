#include "fix/fast_path.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "base/strings.hpp"

namespace lmms::fix {

namespace {

using policy::Action;
using policy::PlanItem;
using policy::Tier;

constexpr std::string_view k_history = "# HISTORY:";

/// An import of the entry or of the fast path itself, written as it is there;
/// another module's hot import is listed as a plain `import` for review.
bool is_own(const PlanItem& item, const policy::Plan& plan) {
    return item.file == plan.entry_file || item.file == plan.fast_path_file;
}

std::string statement_of(const PlanItem& item, const policy::Plan& plan) {
    if (!is_own(item, plan))
        return "import " + item.module;
    if (!item.split)
        return item.statement;
    size_t dot = item.module.rfind('.');
    std::string leaf = item.module.substr(dot + 1);
    std::string text = fmt::format("from {} import {}", item.module.substr(0, dot), leaf);
    if (item.names.front() != leaf)
        text += " as " + item.names.front();
    return text;
}

/// What the entry gets from `from fast_path import *`: the names of its own
/// imports. Another module's hot import is listed for review only.
std::vector<std::string> names_of(const PlanItem& item, const policy::Plan& plan) {
    return is_own(item, plan) ? item.names : std::vector<std::string>{};
}

std::string comment_of(const PlanItem& item, const policy::Plan& plan) {
    std::vector<std::string> parts;
    double cost = item.cost_ms.value_or(0);
    if (!item.kept_through.empty() && item.cumulative_ms)
        parts.push_back(fmt::format("{:.1f} ms of its own ({:.1f} ms import, also imported by {})", cost,
                                    *item.cumulative_ms, item.kept_through));
    else
        parts.push_back(fmt::format("{:.1f} ms", cost));
    if (item.used && *item.used > 0)
        parts.push_back("used in " + policy::usage_share(*item.used, item.invocations));
    if (item.import_time_line)
        parts.push_back(fmt::format("used at import time ({}:{})",
                                    item.import_time_file.empty() ? item.file : item.import_time_file,
                                    *item.import_time_line));
    if (!item.used && !item.import_time_line)
        parts.push_back("usage not measured");
    else if (item.used && *item.used == 0 && !item.import_time_line)
        parts.push_back(fmt::format("used in 0 of {} invocations", item.invocations));
    parts.push_back("profiled " + plan.profiled.substr(0, 10));
    if (item.tier == Tier::heavy_hot)
        parts.push_back(fmt::format("hot-path exception (> {:g} ms)", plan.thresholds.heavy_ms));
    if (!is_own(item, plan))
        parts.push_back(fmt::format("kept at module level by {}:{}", item.file, item.line));
    return fmt::format("{}", fmt::join(parts, ", "));
}

bool belongs(const PlanItem& item) {
    if (item.action == Action::fast_path || item.action == Action::in_fast_path ||
        item.action == Action::exception)
        return true;
    return item.action == Action::keep && item.on_cold_path &&
           (item.tier == Tier::hot || item.tier == Tier::heavy_hot);
}

/// The text before the HISTORY block, and the block's lines.
std::pair<std::string, std::vector<std::string>> split_history(std::string_view text) {
    size_t at = 0;
    while (at < text.size()) {
        size_t end = text.find('\n', at);
        std::string_view line =
            text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
        if (line.starts_with(k_history)) {
            std::vector<std::string> history;
            for (std::string_view rest : base::split_lines(text.substr(at)))
                if (rest.starts_with("# ") && !rest.starts_with(k_history))
                    history.emplace_back(rest);
            return {std::string(text.substr(0, at)), history};
        }
        if (end == std::string_view::npos)
            break;
        at = end + 1;
    }
    return {std::string(text), {}};
}

std::set<std::string> statements_in(std::string_view body) {
    std::set<std::string> statements;
    for (std::string_view line : base::split_lines(body)) {
        if (!line.starts_with("import ") && !line.starts_with("from "))
            continue;
        size_t comment = line.find('#');
        std::string_view code = line.substr(0, comment);
        while (!code.empty() && (code.back() == ' ' || code.back() == '\r'))
            code.remove_suffix(1);
        statements.emplace(code);
    }
    return statements;
}

}  // namespace

std::vector<FastPathEntry> fast_path_entries(const policy::Plan& plan) {
    std::vector<FastPathEntry> entries;
    std::set<std::string> seen;
    for (const PlanItem& item : plan.items) {
        if (!belongs(item))
            continue;
        FastPathEntry entry;
        entry.statement = statement_of(item, plan);
        if (!seen.insert(entry.statement).second)
            continue;
        entry.names = names_of(item, plan);
        entry.tier = item.tier == Tier::light ? 1 : 2;
        entry.comment = comment_of(item, plan);
        entries.push_back(std::move(entry));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const FastPathEntry& a, const FastPathEntry& b) {
        bool a_from = a.statement.starts_with("from ");
        bool b_from = b.statement.starts_with("from ");
        return std::tie(a.tier, a_from, a.statement) < std::tie(b.tier, b_from, b.statement);
    });
    return entries;
}

FastPathFile render_fast_path(const policy::Plan& plan, const std::optional<std::string>& existing) {
    const config::Thresholds& t = plan.thresholds;
    std::vector<FastPathEntry> entries = fast_path_entries(plan);
    std::string date = plan.profiled.substr(0, 10);
    std::string body = fmt::format(R"("""Fast path: the only module-level imports of the entry's cold start.

ONLY modules meeting these criteria belong here (LMMS-DEC-04, LMMS-03):
- import time < {0:g} ms (Tier 1), OR
- used on > {1:g}% of invocations (Tier 2: hot path; > {2:g} ms is a documented exception)

Last profiled: {3} (Python {4}, entry {5})
Target: fast path imports < 200 ms, fewer than 20 imports
Now: {6} imports, {7:.1f} ms

Generated by `lmms fastpath` from the plan (`lmms plan`); the HISTORY below is kept.
REVIEW REQUIRED for any change to this file!
"""
)",
                                   t.fast_ms, t.hot_usage, t.heavy_ms, date, plan.python_version, plan.entry,
                                   entries.size(), plan.summary.fast_path_ms);
    std::vector<std::string> names;
    for (int tier : {1, 2}) {
        body += tier == 1 ? fmt::format("\n# Tier 1: Lightweight (<{:g}ms)\n", t.fast_ms)
                          : fmt::format("\n# Tier 2: Hot path exceptions (>{:g}ms but >{:g}% usage)\n",
                                        t.fast_ms, t.hot_usage);
        for (const FastPathEntry& entry : entries) {
            if (entry.tier != tier)
                continue;
            body += fmt::format("{}  # {}\n", entry.statement, entry.comment);
            names.insert(names.end(), entry.names.begin(), entry.names.end());
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (names.empty()) {
        body += "\n__all__ = []\n\n";
    } else {
        body += "\n__all__ = [\n";
        for (const std::string& name : names)
            body += fmt::format("    \"{}\",\n", name);
        body += "]\n\n";
    }

    FastPathFile file;
    file.imports = entries.size();
    auto [old_body, history] =
        existing ? split_history(*existing) : std::pair<std::string, std::vector<std::string>>{};
    if (existing && old_body == body && !history.empty()) {
        file.text = *existing;
        return file;
    }
    std::string totals =
        fmt::format("{} imports, {:.1f} ms total", entries.size(), plan.summary.fast_path_ms);
    if (history.empty()) {
        file.history = fmt::format("# {}: Initial file, {}", date, totals);
    } else {
        std::set<std::string> before = statements_in(old_body);
        std::vector<std::string> added, removed;
        for (const FastPathEntry& entry : entries)
            if (!before.contains(entry.statement))
                added.push_back(entry.statement);
        std::set<std::string> now;
        for (const FastPathEntry& entry : entries)
            now.insert(entry.statement);
        for (const std::string& statement : before)
            if (!now.contains(statement))
                removed.push_back(statement);
        std::string change;
        if (!added.empty())
            change += fmt::format("added {}", fmt::join(added, ", "));
        if (!removed.empty())
            change += (change.empty() ? "" : "; ") + fmt::format("removed {}", fmt::join(removed, ", "));
        if (change.empty())
            change = old_body.find("Last profiled: " + date) == std::string::npos
                         ? "re-profiled, same imports"
                         : "comments updated, same imports";
        file.history = fmt::format("# {}: {}; {}", date, change, totals);
    }
    file.text = body + std::string(k_history) + "\n";
    for (const std::string& line : history)
        file.text += line + "\n";
    file.text += file.history + "\n";
    file.changed = !existing || file.text != *existing;
    return file;
}

std::string unified_diff(std::string_view before, std::string_view after, const std::string& name) {
    std::vector<std::string_view> a = base::split_lines(before);
    std::vector<std::string_view> b = base::split_lines(after);
    // Longest common subsequence table, from the ends (the files are small).
    size_t n = a.size(), m = b.size();
    std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    struct Line {
        char mark;
        std::string_view text;
        size_t a_line, b_line;  ///< 1-based positions before this line
    };
    std::vector<Line> script;
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            script.push_back({' ', a[i], i, j});
            ++i, ++j;
        } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            script.push_back({'-', a[i], i, j});
            ++i;
        } else {
            script.push_back({'+', b[j], i, j});
            ++j;
        }
    }
    std::string out = fmt::format("--- {}\n+++ {} (lmms fastpath)\n", name, name);
    constexpr size_t k_context = 3;
    std::vector<size_t> changes;
    for (size_t k = 0; k < script.size(); ++k)
        if (script[k].mark != ' ')
            changes.push_back(k);
    for (size_t c = 0; c < changes.size();) {
        size_t first = changes[c], last = changes[c];
        while (c + 1 < changes.size() && changes[c + 1] - last - 1 <= 2 * k_context)
            last = changes[++c];
        ++c;
        size_t start = first >= k_context ? first - k_context : 0;
        size_t end = std::min(script.size(), last + k_context + 1);
        size_t a_count = 0, b_count = 0;
        for (size_t q = start; q < end; ++q) {
            a_count += script[q].mark != '+' ? 1 : 0;
            b_count += script[q].mark != '-' ? 1 : 0;
        }
        out += fmt::format("@@ -{},{} +{},{} @@\n", script[start].a_line + (a_count > 0 ? 1 : 0), a_count,
                           script[start].b_line + (b_count > 0 ? 1 : 0), b_count);
        for (size_t q = start; q < end; ++q)
            out += fmt::format("{}{}\n", script[q].mark, script[q].text);
    }
    return out;
}

}  // namespace lmms::fix

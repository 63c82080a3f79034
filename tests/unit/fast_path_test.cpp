#include "fix/fast_path.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "model/usage_json.hpp"

namespace lmms::fix {

namespace {

policy::PlanItem item(std::string file, uint32_t line, std::string statement, std::string module,
                      std::vector<std::string> names, policy::Tier tier, policy::Action action, double cost,
                      size_t used) {
    policy::PlanItem row;
    row.file = std::move(file);
    row.line = line;
    row.statement = std::move(statement);
    row.module = std::move(module);
    row.names = std::move(names);
    row.tier = tier;
    row.action = action;
    row.cost_ms = cost;
    row.used = used;
    row.invocations = 20;
    row.on_cold_path = true;
    return row;
}

policy::Plan plan_of(std::vector<policy::PlanItem> items) {
    policy::Plan plan;
    plan.entry = "svc.main:handler";
    plan.entry_file = "svc/main.py";
    plan.fast_path_file = "svc/fast_path.py";
    plan.fast_path_module = "svc.fast_path";
    plan.profiled = "2026-12-01T10:00:00Z";
    plan.python_version = "3.11.2";
    plan.items = std::move(items);
    plan.summary.fast_path_ms = 21.5;
    return plan;
}

policy::Plan sample() {
    using policy::Action;
    using policy::Tier;
    return plan_of({
        item("svc/main.py", 2, "import json", "json", {"json"}, Tier::light, Action::fast_path, 0.4, 20),
        item("svc/main.py", 5, "from svc import archive, store", "svc.store", {"store"}, Tier::heavy_hot,
             Action::exception, 18.0, 20),
        item("svc/store.py", 3, "import sqlite3", "sqlite3", {"sqlite3"}, Tier::hot, Action::keep, 3.1, 18),
        item("svc/archive.py", 2, "import tarfile", "tarfile", {"tarfile"}, Tier::cold, Action::lazy, 14.0,
             1),
    });
}

}  // namespace

TEST(FastPath, TiersCommentsAndAllFromThePlan) {
    policy::Plan plan = sample();
    plan.items[1].split = true;
    FastPathFile file = render_fast_path(plan, std::nullopt).value();
    EXPECT_TRUE(file.changed);
    EXPECT_EQ(file.imports, 3u);
    const std::string& text = file.text;
    EXPECT_NE(
        text.find("# Tier 1: Lightweight (<10ms)\nimport json  # 0.4 ms, used in 100.0 % (20/20), profiled "
                  "2026-12-01\n"),
        std::string::npos)
        << text;
    // Tier 2: the entry's hot import as written there, another module's as a plain import.
    EXPECT_NE(
        text.find("import sqlite3  # 3.1 ms, used in 90.0 % (18/20), profiled 2026-12-01, kept at module "
                  "level by svc/store.py:3\n"),
        std::string::npos)
        << text;
    EXPECT_NE(
        text.find("from svc import store  # 18.0 ms, used in 100.0 % (20/20), profiled 2026-12-01, hot-path "
                  "exception (> 100 ms)\n"),
        std::string::npos)
        << text;
    EXPECT_EQ(text.find("tarfile"), std::string::npos);  // lazy: not on the fast path
    EXPECT_NE(text.find("__all__ = [\n    \"json\",\n    \"store\",\n]\n"), std::string::npos)
        << text;  // not sqlite3: another module's, listed for review
    EXPECT_NE(text.find("Last profiled: 2026-12-01"), std::string::npos);
    EXPECT_NE(text.find("REVIEW REQUIRED"), std::string::npos);
    EXPECT_TRUE(
        text.ends_with("# HISTORY:\n# 2026-12-01: Initial file: `import json`, `import sqlite3`, "
                       "`from svc import store`; 3 imports, 21.5 ms total\n"))
        << text;
}

// TRAPS 18: another module imports the same library, and sorts first; the
// entry still gets every name it imports (it reads `requests.Timeout`).
TEST(FastPath, MergedRowsStillExportEveryNameTheEntryImports) {
    using policy::Action;
    using policy::Tier;
    policy::Plan plan = plan_of({
        item("svc/api.py", 1, "import requests", "requests", {"requests"}, Tier::hot, Action::keep, 30.0, 20),
        item("svc/main.py", 1, "import requests", "requests", {"requests"}, Tier::hot, Action::fast_path,
             30.0, 20),
        item("svc/main.py", 2, "from requests import Timeout as T", "requests", {"T"}, Tier::hot,
             Action::fast_path, 30.0, 20),
    });
    std::vector<std::string> names;
    for (const FastPathEntry& entry : fast_path_entries(plan))
        names.insert(names.end(), entry.names.begin(), entry.names.end());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"T", "requests"}));
}

TEST(FastPath, SameDataInGivesTheSameBytesAndNoHistoryLine) {
    FastPathFile first = render_fast_path(sample(), std::nullopt).value();
    FastPathFile again = render_fast_path(sample(), first.text).value();
    EXPECT_FALSE(again.changed);
    EXPECT_EQ(again.text, first.text);
    EXPECT_TRUE(again.history.empty());
}

TEST(FastPath, HistoryIsKeptAndGainsOneLinePerChange) {
    FastPathFile first = render_fast_path(sample(), std::nullopt).value();
    std::string edited = first.text + "# 2026-12-02: reviewed by the platform team\n";
    policy::Plan later = sample();
    later.profiled = "2026-12-09T08:00:00Z";
    later.items[0].action = policy::Action::lazy;  // json leaves the fast path
    FastPathFile second = render_fast_path(later, edited).value();
    EXPECT_TRUE(second.changed);
    EXPECT_NE(second.text.find("# HISTORY:\n# 2026-12-01: Initial file: `import json`, `import sqlite3`, "
                               "`from svc import archive, store`; 3 imports, 21.5 ms total\n"
                               "# 2026-12-02: reviewed by the platform team\n"
                               "# 2026-12-09: removed `import json`; 2 imports, 21.5 ms total\n"),
              std::string::npos)
        << second.text;
    // Re-profiled with the same imports: a line saying so.
    policy::Plan again = later;
    again.profiled = "2026-12-16T08:00:00Z";
    again.items[1].cost_ms = 19.0;
    FastPathFile third = render_fast_path(again, second.text).value();
    EXPECT_TRUE(third.text.ends_with("# 2026-12-16: re-profiled, same imports; 2 imports, 21.5 ms total\n"))
        << third.text;
}

TEST(FastPath, SkeletonHistoryIsKept) {
    std::string skeleton =
        "\"\"\"Fast path.\"\"\"\n\n__all__ = []\n\n# HISTORY:\n# 2026-11-30: Created by lmms init\n";
    FastPathFile file = render_fast_path(sample(), skeleton).value();
    EXPECT_NE(file.text.find(
                  "# 2026-11-30: Created by lmms init\n# 2026-12-01: added `import json`, `import sqlite3`, "
                  "`from svc import archive, store`; 3 imports"),
              std::string::npos)
        << file.text;
}

// The user's lines (a constant, a helper, comments) stay byte for byte where
// they were; LMMS rewrites only its regions.
TEST(FastPath, HandCodeAndCommentsAreKeptVerbatim) {
    std::string first = render_fast_path(sample(), std::nullopt).value().text;
    std::string edited = first;
    edited.replace(edited.find("\n# Tier 2"), 0, "\n# our own note: keep json first\nTIMEOUT_S = 3\n");
    edited.replace(
        edited.find("\n# HISTORY:"), 0,
        "\ndef warm():\n    \"\"\"Called by the handler.\"\"\"\n    return json.dumps({})  # cheap\n\n");
    policy::Plan later = sample();
    later.profiled = "2026-12-09T08:00:00Z";
    later.items[0].cost_ms = 0.9;
    FastPathFile second = render_fast_path(later, edited).value();
    for (std::string_view kept :
         {"\n# our own note: keep json first\nTIMEOUT_S = 3\n",
          "\ndef warm():\n    \"\"\"Called by the handler.\"\"\"\n    return json.dumps({})  # cheap\n"})
        EXPECT_NE(second.text.find(kept), std::string::npos) << second.text;
    EXPECT_NE(second.text.find("import json  # 0.9 ms"), std::string::npos) << second.text;
    EXPECT_TRUE(second.text.ends_with("# 2026-12-09: re-profiled, same imports; 3 imports, 21.5 ms total\n"))
        << second.text;
    // And again: nothing more changes.
    EXPECT_FALSE(render_fast_path(later, second.text).value().changed);
}

// A hand-added import is a decision: it stays, counts, joins __all__, and is
// recorded once in HISTORY.
TEST(FastPath, HandAddedImportIsKeptAndRecorded) {
    std::string first = render_fast_path(sample(), std::nullopt).value().text;
    std::string edited = first;
    edited.replace(edited.find("\n# Tier 2"), 0, "import yaml\n");
    FastPathFile second = render_fast_path(sample(), edited).value();
    EXPECT_EQ(second.imports, 4u);
    EXPECT_NE(second.text.find("\nimport yaml\n"), std::string::npos) << second.text;
    EXPECT_NE(second.text.find("    \"yaml\",\n"), std::string::npos) << second.text;
    EXPECT_TRUE(
        second.text.ends_with("# 2026-12-01: kept hand-added `import yaml`; 4 imports, 21.5 ms total\n"))
        << second.text;
    EXPECT_FALSE(fast_path_findings(render_fast_path(sample(), edited).value(), true).empty());
    FastPathFile third = render_fast_path(sample(), second.text).value();
    EXPECT_FALSE(third.changed) << third.text;
    EXPECT_TRUE(fast_path_findings(third, true).empty());
}

// A documented import the user deleted is not put back: HISTORY records the
// decision, and --check reports it until it is recorded.
TEST(FastPath, HandRemovedImportIsNotPutBack) {
    std::string first = render_fast_path(sample(), std::nullopt).value().text;
    std::string edited = first;
    size_t at = edited.find("import sqlite3  #");
    edited.erase(at, edited.find('\n', at) + 1 - at);
    FastPathFile second = render_fast_path(sample(), edited).value();
    EXPECT_EQ(second.text.find("import sqlite3  #"), std::string::npos) << second.text;
    EXPECT_EQ(second.imports, 2u);
    EXPECT_EQ(
        fast_path_findings(second, true),
        std::vector<std::string>{"`import sqlite3` was removed by hand but the plan keeps it in the fast "
                                 "path (not recorded in HISTORY)"});
    EXPECT_NE(second.history.find("hand-removed `import sqlite3`"), std::string::npos) << second.history;
    FastPathFile third = render_fast_path(sample(), second.text).value();
    EXPECT_FALSE(third.changed) << third.text;
    EXPECT_TRUE(fast_path_findings(third, true).empty());
}

// --check ignores measurement noise: costs within 20 % or 2 ms pass.
TEST(FastPath, CheckFailsOnlyPastTheTolerance) {
    std::string first = render_fast_path(sample(), std::nullopt).value().text;
    policy::Plan noisy = sample();
    noisy.profiled = "2026-12-09T08:00:00Z";
    noisy.items[1].cost_ms = 19.5;  // 18.0 documented: +8 %
    noisy.items[0].cost_ms = 1.9;   // 0.4 documented: +1.5 ms
    FastPathFile file = render_fast_path(noisy, first).value();
    EXPECT_TRUE(file.changed);
    EXPECT_TRUE(fast_path_findings(file, true).empty());
    noisy.items[1].cost_ms = 30.0;
    file = render_fast_path(noisy, first).value();
    EXPECT_EQ(fast_path_findings(file, true),
              std::vector<std::string>{"`from svc import archive, store` costs 30.0 ms, documented 18.0 ms "
                                       "(tolerance 20 % and 2 ms)"});
    EXPECT_TRUE(fast_path_findings(render_fast_path(noisy, first, {100, 2}).value(), true).empty());
    noisy.items[1].cost_ms = 18.0;
    noisy.items[1].tier = policy::Tier::light;  // store moves to Tier 1
    file = render_fast_path(noisy, first).value();
    EXPECT_EQ(fast_path_findings(file, true),
              std::vector<std::string>{"`from svc import archive, store` moves from Tier 2 to Tier 1"});
}

// Code in a region LMMS rewrites, that it cannot keep: refused with its line.
TEST(FastPath, HandCodeInsideAllIsRefusedWithItsLine) {
    std::string first = render_fast_path(sample(), std::nullopt).value().text;
    std::string edited = first;
    edited.replace(edited.find("    \"json\",\n"), 0, "    *EXTRA,\n");
    auto refused = render_fast_path(sample(), edited);
    ASSERT_FALSE(refused);
    size_t line = 1 + std::count(edited.begin(), edited.begin() + edited.find("*EXTRA"), '\n');
    EXPECT_EQ(refused.error().location, fmt::format("svc/fast_path.py:{}", line));
    std::string plus = first;
    plus.replace(plus.find("__all__ = [\n"), 12, "__all__ = BASE + [\n");
    auto form = render_fast_path(sample(), plus);
    ASSERT_FALSE(form);
    EXPECT_NE(form.error().message.find("plain list of names"), std::string::npos);
}

TEST(FastPath, UnifiedDiffShowsHunksWithContext) {
    std::string before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
    std::string after = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n";
    std::string diff = unified_diff(before, after, "f.py");
    EXPECT_EQ(diff,
              "--- f.py\n+++ f.py (lmms fastpath)\n@@ -1,10 +1,11 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n "
              "i\n j\n+k\n");
    EXPECT_EQ(unified_diff(before, before, "f.py"), "--- f.py\n+++ f.py (lmms fastpath)\n");
}

TEST(UsageJson, RoundTripsIncludingWhichInvocationsUsedEachSite) {
    model::Usage usage;
    usage.workload = "events";
    usage.workload_file = "events.jsonl";
    usage.entry = "svc.main:handler";
    usage.python_version = "3.11.2";
    usage.tracer = "settrace";
    usage.planned = 4;
    for (uint32_t n = 1; n <= 4; ++n)
        usage.invocations.push_back(
            {n, n + 1, "save", 1.5, n == 3 ? "ValueError" : "", n == 3 ? "bad" : "", ""});
    model::SiteUsage site;
    site.file = "svc/main.py";
    site.line = 2;
    site.statement = "import json";
    site.module = "json";
    site.library = "json";
    site.names = {"json"};
    site.name_used = {3};
    site.scope = "<module>";
    site.guard = "none";
    site.used = 3;
    site.used_in = {1, 2, 4};
    site.import_time_line = 7;
    usage.sites.push_back(site);
    usage.libraries.push_back({"json", false, 1, 3});
    usage.kinds.push_back({"save", 4, 1, 1.5, 1.5, {{"ValueError", "bad", 1}}});
    std::string text = model::usage_to_json(usage);
    EXPECT_NE(
        text.find("\"used_in\": [\n    [\n     1,\n     2\n    ],\n    [\n     4,\n     4\n    ]\n   ]"),
        std::string::npos)
        << text;
    auto back = model::usage_from_json(text, "usage.json");
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(model::usage_to_json(*back), text);
    EXPECT_EQ(back->sites.front().used_in, (std::vector<uint32_t>{1, 2, 4}));

    auto broken = model::usage_from_json("{\"schema_version\": 1,\n\"sites\": [\n", "usage.json");
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().location, "usage.json:3");
}

}  // namespace lmms::fix

// The plan on the made-up project of profile_fixture.hpp, whose numbers are
// known by construction: app.handler imports app.a (line 1) and app.b
// (line 2); both import `heavy` (4 ms with heavy.core, shared); app.b also
// imports `light` (0.5 ms). Thresholds are scaled to the fixture: light
// below 1 ms, heavy above 3.5 ms, hot above 80 %.

#include "policy/plan.hpp"

#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "plan_fixture.hpp"
#include "policy/cost_model.hpp"
#include "profile_fixture.hpp"

namespace lmms::policy {

namespace {

using testing::captures_of;
using testing::k_a;
using testing::k_b;
using testing::k_handler;
using testing::k_layout;
using testing::k_log;
using testing::numbers;
using testing::site;

class PlanTest : public ::testing::Test {
protected:
    PlanTest()
        : m_profile(capture::build_profile(captures_of(k_log), k_layout)),
          m_handler(python::scan_source(k_handler)),
          m_a(python::scan_source(k_a)),
          m_b(python::scan_source(k_b)) {
        m_usage.workload = "events";
        m_usage.workload_file = "events.jsonl";
        for (uint32_t n = 1; n <= 10; ++n)
            m_usage.invocations.push_back({n, n, "kind", 1.0, "", "", ""});
        // Event 1-2 take a.run, 3-10 b.run.
        m_usage.sites = {site("app/a.py", 1, "heavy", "heavy", numbers(1, 2)),
                         site("app/b.py", 1, "heavy", "heavy", numbers(3, 10)),
                         site("app/b.py", 2, "light", "light", numbers(3, 10)),
                         site("app/handler.py", 1, "app", "a", numbers(1, 2)),
                         site("app/handler.py", 2, "app", "b", numbers(3, 10))};
        m_inputs.profile = &m_profile;
        m_inputs.usage = &m_usage;
        m_inputs.files = {{"app/a.py", "app.a", &m_a},
                          {"app/b.py", "app.b", &m_b},
                          {"app/handler.py", "app.handler", &m_handler}};
        m_inputs.entry_module = "app.handler";
        m_inputs.fast_path_file = "app/fast_path.py";
        m_inputs.fast_path_module = "app.fast_path";
        m_inputs.thresholds = {1, 3.5, 80};
        m_inputs.usage_command = "lmms usage";
    }

    static const PlanItem& row(const Plan& plan, const std::string& file, uint32_t line) {
        for (const PlanItem& item : plan.items)
            if (item.file == file && item.line == line)
                return item;
        throw std::runtime_error("no row " + file);
    }

    model::Profile m_profile;
    python::FileFacts m_handler, m_a, m_b;
    model::Usage m_usage;
    PlanInputs m_inputs;
};

}  // namespace

TEST_F(PlanTest, SharedHeavyModuleLeavesWhenEveryImportOfItIsLazy) {
    Plan plan = make_plan(m_inputs);
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    const PlanItem& b_heavy = row(plan, "app/b.py", 1);
    EXPECT_EQ(a_heavy.action, Action::lazy);
    EXPECT_EQ(b_heavy.action, Action::lazy);
    EXPECT_EQ(a_heavy.tier, Tier::heavy_cold);
    EXPECT_EQ(b_heavy.tier, Tier::heavy_cold);  // 80 % is not above 80 %
    EXPECT_DOUBLE_EQ(*a_heavy.cost_ms, 4.0);    // what comes back if it alone stays eager
    EXPECT_DOUBLE_EQ(a_heavy.saving_ms, 0.0);   // nothing leaves through it alone
    EXPECT_EQ(a_heavy.functions, std::vector<std::string>{"run"});
    // light is cheap: module level at any usage.
    EXPECT_EQ(row(plan, "app/b.py", 2).action, Action::keep);
    EXPECT_EQ(row(plan, "app/b.py", 2).tier, Tier::light);
    // The handler's project imports are cheap once their libraries are lazy: into the fast path.
    EXPECT_EQ(row(plan, "app/handler.py", 1).action, Action::fast_path);
    EXPECT_EQ(row(plan, "app/handler.py", 1).module, "app.a");
    EXPECT_EQ(row(plan, "app/handler.py", 2).action, Action::fast_path);
    // The saving is heavy + heavy.core, counted once, all of it shared.
    EXPECT_DOUBLE_EQ(plan.summary.measured_ms, 10.0);
    EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 4.0);
    EXPECT_DOUBLE_EQ(plan.summary.predicted_ms, 6.0);
    EXPECT_DOUBLE_EQ(plan.summary.shared_ms, 4.0);
    EXPECT_EQ(plan.summary.lazy, 2u);
}

TEST_F(PlanTest, HotImportKeepsTheSharedModuleSoTheOtherSavesNothing) {
    // b.run takes 90 % of the events.
    m_usage.sites[1] = site("app/b.py", 1, "heavy", "heavy", numbers(2, 10));
    m_usage.sites[2] = site("app/b.py", 2, "light", "light", numbers(2, 10));
    m_usage.sites[4] = site("app/handler.py", 2, "app", "b", numbers(2, 10));
    Plan plan = make_plan(m_inputs);
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    EXPECT_EQ(a_heavy.action, Action::keep);
    EXPECT_EQ(a_heavy.tier, Tier::light);
    EXPECT_DOUBLE_EQ(*a_heavy.cost_ms, 0.0);
    EXPECT_EQ(a_heavy.kept_through, "app/b.py:1");
    EXPECT_NE(a_heavy.reason.find("stays on the cold path through app/b.py:1"), std::string::npos);
    EXPECT_EQ(row(plan, "app/b.py", 1).tier, Tier::heavy_hot);
    EXPECT_EQ(row(plan, "app/b.py", 1).action, Action::exception);
    EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 0.0);
}

TEST_F(PlanTest, ImportTimeUseCannotMoveAndNamesTheLine) {
    m_a = python::scan_source(
        "import heavy\n\nVERSION = heavy.version\n\n\ndef run():\n    return heavy.go()\n");
    m_usage.sites[3] = site("app/handler.py", 1, "app", "a", numbers(1, 9));  // app.a itself is hot
    Plan plan = make_plan(m_inputs);
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    EXPECT_EQ(a_heavy.action, Action::cannot_move);
    EXPECT_EQ(a_heavy.import_time_line, 3u);
    EXPECT_NE(a_heavy.reason.find("used at import time, line 3"), std::string::npos);
    EXPECT_DOUBLE_EQ(*a_heavy.cost_ms, 4.0);  // what it would free with b's import lazy too
    // heavy stays through app.a, so making b's import lazy saves nothing.
    EXPECT_EQ(row(plan, "app/b.py", 1).action, Action::keep);
    EXPECT_EQ(row(plan, "app/b.py", 1).kept_through, "app/a.py:1");
    EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 0.0);
}

TEST_F(PlanTest, ImportTimeUseMakesTheImporterLazyInstead) {
    m_a = python::scan_source(
        "import heavy\n\nVERSION = heavy.version\n\n\ndef run():\n    return heavy.go()\n");
    Plan plan = make_plan(m_inputs);
    const PlanItem& handler_a = row(plan, "app/handler.py", 1);
    EXPECT_EQ(handler_a.action, Action::lazy);
    EXPECT_DOUBLE_EQ(*handler_a.cost_ms, 4.2);  // app.a and the heavy module it cannot defer
    EXPECT_EQ(handler_a.functions, std::vector<std::string>{"handler"});
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    EXPECT_EQ(a_heavy.action, Action::keep);
    EXPECT_NE(a_heavy.reason.find("off the cold path once the plan is applied"), std::string::npos);
    EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 4.2);  // app.a and heavy
}

TEST_F(PlanTest, WithoutUsageTheSitesThatNeedItAreUnclassifiedNotGuessed) {
    m_inputs.usage = nullptr;
    Plan plan = make_plan(m_inputs);
    for (const char* file : {"app/a.py", "app/b.py"}) {
        const PlanItem& heavy = row(plan, file, 1);
        EXPECT_EQ(heavy.action, Action::unclassified) << file;
        EXPECT_NE(heavy.reason.find("run `lmms usage`"), std::string::npos) << file;
    }
    EXPECT_EQ(row(plan, "app/b.py", 2).action, Action::keep);  // light: usage does not matter
    EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 0.0);              // nothing predicted from guesses
    EXPECT_EQ(plan.summary.unclassified, 2u);
}

TEST_F(PlanTest, CapturesStillJoinWhenAnEditMovedTheLines) {
    m_profile.sites[2].statement = "import heavy";  // app/a.py:1 in the captures
    m_usage.sites[0].statement = "import heavy";
    m_a = python::scan_source(
        "\"\"\"A docstring added since.\"\"\"\n\nimport heavy\n\n\ndef run():\n    return heavy.go()\n");
    Plan plan = make_plan(m_inputs);
    const PlanItem& a_heavy = row(plan, "app/a.py", 3);
    EXPECT_TRUE(a_heavy.on_cold_path);
    EXPECT_EQ(a_heavy.used, 2u);
    EXPECT_EQ(a_heavy.action, Action::lazy);
}

TEST_F(PlanTest, FunctionLevelImportOfAModuleAlreadyLoadedIsHoisted) {
    m_b = python::scan_source(
        "import heavy\nimport light\n\n\ndef run():\n    import light\n    return heavy.go() + light.go()\n");
    m_usage.sites.push_back(site("app/b.py", 6, "light", "light", numbers(3, 10)));
    m_usage.sites.back().scope = "run";
    Plan plan = make_plan(m_inputs);
    const PlanItem& inner = row(plan, "app/b.py", 6);
    EXPECT_EQ(inner.action, Action::hoist);
    EXPECT_EQ(inner.functions, std::vector<std::string>{"run"});
}

TEST_F(PlanTest, EveryRowHasAReasonAndRowsAreOrdered) {
    Plan plan = make_plan(m_inputs);
    for (size_t i = 0; i < plan.items.size(); ++i) {
        EXPECT_FALSE(plan.items[i].reason.empty()) << plan.items[i].file << ":" << plan.items[i].line;
        if (i > 0) {
            EXPECT_LE(std::tie(plan.items[i - 1].file, plan.items[i - 1].line),
                      std::tie(plan.items[i].file, plan.items[i].line));
        }
    }
}

TEST_F(PlanTest, ReasonIsDataAndTheTextIsRenderedFromIt) {
    m_a = python::scan_source(
        "import heavy\n\nVERSION = heavy.version\n\n\ndef run():\n    return heavy.go()\n");
    m_usage.sites[3] = site("app/handler.py", 1, "app", "a", numbers(1, 9));
    Plan plan = make_plan(m_inputs);
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    EXPECT_EQ(a_heavy.why.code, ReasonCode::used_at_import_time);
    EXPECT_EQ(a_heavy.why.tier, Tier::heavy_cold);
    EXPECT_DOUBLE_EQ(*a_heavy.why.cost_ms, 4.0);
    EXPECT_EQ(a_heavy.why.used, 2u);
    EXPECT_EQ(a_heavy.why.invocations, 10u);
    ASSERT_EQ(a_heavy.why.thresholds.size(), 2u);
    EXPECT_EQ(a_heavy.why.thresholds[0].name, "heavy-ms");
    EXPECT_DOUBLE_EQ(a_heavy.why.thresholds[0].value, 3.5);
    EXPECT_EQ(a_heavy.why.thresholds[1].name, "hot-usage");
    ASSERT_EQ(a_heavy.why.blocking.size(), 1u);
    EXPECT_EQ(a_heavy.why.blocking[0].file, "app/a.py");
    EXPECT_EQ(a_heavy.why.blocking[0].line, 3u);
    for (const PlanItem& item : plan.items)
        EXPECT_EQ(item.reason, render_reason(item.why)) << item.file << ":" << item.line;
    EXPECT_EQ(render_reason(a_heavy.why),
              "4.0 ms if lazy (> 3.5 ms, used in 20.0 % (2/10) <= 80 %: function level); but used at import "
              "time, line 3");
    EXPECT_EQ(row(plan, "app/b.py", 2).why.code, ReasonCode::light);
}

TEST(Reason, CodeNamesAreStableAndDistinct) {
    std::set<std::string> names;
    for (int code = 0; code <= static_cast<int>(ReasonCode::import_failed); ++code)
        EXPECT_TRUE(names.insert(reason_code_name(static_cast<ReasonCode>(code))).second) << code;
    EXPECT_STREQ(reason_code_name(ReasonCode::light), "light");
    EXPECT_STREQ(reason_code_name(ReasonCode::used_at_import_time), "used_at_import_time");
}

model::SiteUsage in_function(model::SiteUsage row, std::string scope) {
    row.scope = std::move(scope);
    return row;
}

TEST_F(PlanTest, NoHoistOutOfAGuard) {
    m_a = python::scan_source(
        "import heavy\n\n\ndef run():\n    try:\n        import light\n    except ImportError:\n"
        "        light = None\n    return heavy.go()\n");
    m_usage.sites.push_back(in_function(site("app/a.py", 6, "light", "light", numbers(1, 2)), "run"));
    Plan plan = make_plan(m_inputs);
    const PlanItem& inner = row(plan, "app/a.py", 6);
    EXPECT_EQ(inner.action, Action::keep);
    EXPECT_EQ(inner.why.code, ReasonCode::guarded);
    EXPECT_EQ(inner.why.guard, "try_import_error");
}

TEST_F(PlanTest, NoHoistOfAnImportTheWorkloadNeverSawSucceed) {
    // `from subprocess import CREATE_NEW_PROCESS_GROUP` in a Windows-only function, on Linux.
    m_a = python::scan_source(
        "import heavy\n\n\ndef run():\n    from light import WINDOWS_ONLY\n    return heavy.go()\n");
    m_usage.sites.push_back(in_function(site("app/a.py", 5, "light", "WINDOWS_ONLY", {}), "run"));
    m_usage.sites.back().statement = "from light import WINDOWS_ONLY";
    Plan plan = make_plan(m_inputs);
    const PlanItem& inner = row(plan, "app/a.py", 5);
    EXPECT_EQ(inner.action, Action::keep);
    EXPECT_EQ(inner.why.code, ReasonCode::never_succeeded);
}

TEST_F(PlanTest, NoHoistOverANameTheModuleBindsOtherwise) {
    m_a = python::scan_source(
        "import heavy\n\n\ndef go():\n    return 1\n\n\ndef run():\n    from light import go\n"
        "    return heavy.go() + go()\n");
    m_usage.sites.push_back(in_function(site("app/a.py", 9, "light", "go", numbers(1, 2)), "run"));
    m_usage.sites.back().statement = "from light import go";
    Plan plan = make_plan(m_inputs);
    const PlanItem& inner = row(plan, "app/a.py", 9);
    EXPECT_EQ(inner.action, Action::keep);
    EXPECT_EQ(inner.why.code, ReasonCode::shadowed);
    ASSERT_EQ(inner.why.blocking.size(), 1u);
    EXPECT_EQ(inner.why.blocking[0].line, 4u);  // def go()
    EXPECT_NE(inner.reason.find("binds go otherwise (line 4)"), std::string::npos) << inner.reason;
}

TEST_F(PlanTest, NoHoistIntoAnImportCycleTheProfileRecorded) {
    // app.handler imports app.a at module level (a recorded edge).
    m_a = python::scan_source(
        "import heavy\n\n\ndef run():\n    from app import handler\n    return heavy.go()\n");
    m_usage.sites.push_back(in_function(site("app/a.py", 5, "app", "handler", numbers(1, 2)), "run"));
    Plan plan = make_plan(m_inputs);
    const PlanItem& inner = row(plan, "app/a.py", 5);
    EXPECT_EQ(inner.module, "app.handler");
    EXPECT_EQ(inner.action, Action::keep);
    EXPECT_EQ(inner.why.code, ReasonCode::import_cycle);
    EXPECT_EQ(inner.why.cycle, (std::vector<std::string>{"app.a", "app.handler", "app.a"}));
    EXPECT_NE(inner.reason.find("(app.a -> app.handler -> app.a)"), std::string::npos) << inner.reason;
}

TEST_F(PlanTest, NoHoistIntoAnImportCycleOnlyTheSourceShows) {
    // app.b imports app.a at module level in a line the profile never recorded.
    m_b = python::scan_source(
        "import heavy\nimport light\nfrom app import a\n\n\ndef run():\n    return heavy.go() + light.go() + "
        "a.run()\n");
    m_a = python::scan_source(
        "import heavy\n\n\ndef run():\n    from app import b\n    return heavy.go() + b.x\n");
    m_usage.sites.push_back(in_function(site("app/a.py", 5, "app", "b", numbers(1, 2)), "run"));
    Plan plan = make_plan(m_inputs);
    const PlanItem& inner = row(plan, "app/a.py", 5);
    EXPECT_EQ(inner.action, Action::keep);
    EXPECT_EQ(inner.why.cycle, (std::vector<std::string>{"app.a", "app.b", "app.a"}));
}

TEST_F(PlanTest, AnImportNoFunctionReadsIsNeverRemovedNorMadeLazy) {
    // `import light  # noqa: F401` in app.b: a side-effect import or a re-export until proven otherwise.
    m_b = python::scan_source("import heavy\nimport light\n\n\ndef run():\n    return heavy.go()\n");
    m_usage.sites[2] = site("app/b.py", 2, "light", "light", {});
    m_usage.sites[4] = site("app/handler.py", 2, "app", "b", numbers(2, 10));  // app.b stays on the cold path
    m_inputs.thresholds = {0.1, 3.5, 80};  // light's 0.5 ms is worth moving
    Plan plan = make_plan(m_inputs);
    const PlanItem& unread = row(plan, "app/b.py", 2);
    EXPECT_EQ(unread.tier, Tier::cold);
    EXPECT_EQ(unread.action, Action::keep);
    EXPECT_EQ(unread.why.code, ReasonCode::side_effect);
    EXPECT_EQ(unread.reason.find("remove"), std::string::npos) << unread.reason;
    EXPECT_NE(unread.reason.find("side-effect import or a re-export"), std::string::npos) << unread.reason;
    EXPECT_DOUBLE_EQ(unread.saving_ms, 0.0);  // nothing predicted from it
}

TEST_F(PlanTest, FilesOffTheEntrysImportGraphGetNoAction) {
    python::FileFacts tool = python::scan_source("def main():\n    import light\n    return light.go()\n");
    m_inputs.files.push_back({"tools/seed.py", "", &tool});
    Plan plan = make_plan(m_inputs);
    const PlanItem& inner = row(plan, "tools/seed.py", 2);
    EXPECT_EQ(inner.action, Action::keep);
    EXPECT_EQ(inner.why.code, ReasonCode::not_on_cold_path);
}

model::Module& module_named(model::Profile& profile, const std::string& name) {
    for (model::Module& module : profile.modules)
        if (module.name == name)
            return module;
    throw std::runtime_error("no module " + name);
}

TEST_F(PlanTest, ACostWhoseRangeStraddlesFastMsIsBorderlineAndStaysAtModuleLevel) {
    // heavy and heavy.core were fast in one run: 0.7 ms there, under fast-ms = 1.
    module_named(m_profile, "heavy").self_samples = {200, 1000, 1000};
    module_named(m_profile, "heavy.core").self_samples = {500, 3000, 3000};
    Plan plan = make_plan(m_inputs);
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    EXPECT_TRUE(a_heavy.borderline);
    EXPECT_NE(a_heavy.action, Action::lazy);
    ASSERT_TRUE(a_heavy.why.borderline.has_value());
    EXPECT_EQ(a_heavy.why.borderline->name, "fast-ms");
    EXPECT_NE(a_heavy.reason.find("borderline"), std::string::npos) << a_heavy.reason;
    EXPECT_NE(row(plan, "app/b.py", 1).action, Action::lazy);
    EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 0.0);  // nothing predicted from a flip
}

TEST_F(PlanTest, ACostRangeWhollyOnOneSideDecidesAsBefore) {
    module_named(m_profile, "heavy").self_samples = {900, 1000, 1100};
    module_named(m_profile, "heavy.core").self_samples = {2900, 3000, 3100};
    Plan plan = make_plan(m_inputs);
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    EXPECT_FALSE(a_heavy.borderline);
    EXPECT_EQ(a_heavy.action, Action::lazy);
    ASSERT_TRUE(a_heavy.cost_spread.has_value());
    EXPECT_NEAR(a_heavy.cost_spread->low_ms, 3.8, 1e-9);
    EXPECT_NEAR(a_heavy.cost_spread->high_ms, 4.2, 1e-9);
    EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 4.0);
}

TEST(CostModel, LazyNeverCostsMoreAndMatchesTheClosedForm) {
    config::Traffic traffic{10'000, 0.1, true};
    CostFigures rare = cost_figures(350, 350, 0.05, traffic);
    // r (1 - (1 - u)^(1/r)) with r = 0.1, u = 0.05: 0.1 * (1 - 0.95^10)
    EXPECT_NEAR(rare.paying_share, 0.1 * (1 - std::pow(0.95, 10)), 1e-12);
    EXPECT_DOUBLE_EQ(rare.module_ms_per_day, 10'000 * 0.1 * 350);
    EXPECT_LE(rare.lazy_ms_per_day, rare.module_ms_per_day);
    EXPECT_DOUBLE_EQ(rare.p95_added_ms, 0);  // 4 % of requests: beyond the P95
    EXPECT_DOUBLE_EQ(rare.p99_added_ms, 350);
    CostFigures always = cost_figures(350, 350, 1.0, traffic);
    EXPECT_DOUBLE_EQ(always.paying_share, 0.1);  // every process pays once
    EXPECT_DOUBLE_EQ(always.lazy_ms_per_day, always.module_ms_per_day);
    EXPECT_DOUBLE_EQ(always.p95_added_ms, 350);
    CostFigures never = cost_figures(350, 350, 0.0, traffic);
    EXPECT_DOUBLE_EQ(never.paying_share, 0);
}

}  // namespace lmms::policy

// The remedy table, failed imports, module-level code and the fast path's
// configuring-call rule, on the made-up project of profile_fixture.hpp (see
// plan_test.cpp): app.handler imports app.a and app.b; both import `heavy`
// (4 ms with heavy.core); app.b also imports `light`. app.a is made hot, so
// the plan would make app.a's `import heavy` lazy if nothing blocked it.

#include <gtest/gtest.h>

#include "plan_fixture.hpp"
#include "policy/module_code.hpp"
#include "policy/plan.hpp"
#include "policy/remedies.hpp"
#include "profile_fixture.hpp"

namespace lmms::policy {

namespace {

using model::ImportTimeKind;
using testing::captures_of;
using testing::k_b;
using testing::k_handler;
using testing::k_layout;
using testing::k_log;
using testing::numbers;
using testing::site;

class RemedyTest : public ::testing::Test {
protected:
    RemedyTest()
        : m_profile(capture::build_profile(captures_of(k_log), k_layout)),
          m_handler(python::scan_source(k_handler)),
          m_b(python::scan_source(k_b)) {
        m_usage.workload = "events";
        m_usage.workload_file = "events.jsonl";
        for (uint32_t n = 1; n <= 10; ++n)
            m_usage.invocations.push_back({n, n, "kind", 1.0, "", "", ""});
        m_usage.sites = {site("app/a.py", 1, "heavy", "heavy", numbers(1, 2)),
                         site("app/b.py", 1, "heavy", "heavy", numbers(3, 10)),
                         site("app/b.py", 2, "light", "light", numbers(3, 10)),
                         site("app/handler.py", 1, "app", "a", numbers(1, 9)),  // app.a is hot
                         site("app/handler.py", 2, "app", "b", numbers(3, 10))};
        m_inputs.profile = &m_profile;
        m_inputs.usage = &m_usage;
        m_inputs.entry_module = "app.handler";
        m_inputs.fast_path_file = "app/fast_path.py";
        m_inputs.fast_path_module = "app.fast_path";
        m_inputs.thresholds = {1, 3.5, 80};
        m_inputs.usage_command = "lmms usage";
    }

    /// app/a.py is `source`, whose `import heavy` is on `import_line`; its usage row gets `uses`.
    Plan plan_with(const std::string& source, uint32_t import_line, std::vector<model::ImportTimeUse> uses) {
        m_a = python::scan_source(source);
        m_profile.sites[2].statement = "import heavy";  // app/a.py's, found by statement when it moved
        m_usage.sites[0].line = import_line;
        m_usage.sites[0].import_time_uses = uses;
        if (!uses.empty()) {
            m_usage.sites[0].import_time_line = uses.front().line;
            m_usage.sites[0].import_time_function = uses.front().function;
        }
        m_inputs.files = {{"app/a.py", "app.a", &m_a},
                          {"app/b.py", "app.b", &m_b},
                          {"app/handler.py", "app.handler", &m_handler}};
        return make_plan(m_inputs);
    }

    static const PlanItem& row(const Plan& plan, const std::string& file, uint32_t line) {
        for (const PlanItem& item : plan.items)
            if (item.file == file && item.line == line)
                return item;
        throw std::runtime_error("no row " + file);
    }

    model::ModuleIndex module(const std::string& name) const {
        for (uint32_t m = 0; m < m_profile.modules.size(); ++m)
            if (m_profile.modules[m].name == name)
                return model::ModuleIndex{m};
        throw std::runtime_error("no module " + name);
    }

    model::Profile m_profile;
    python::FileFacts m_handler, m_a, m_b;
    model::Usage m_usage;
    PlanInputs m_inputs;
};

model::ImportTimeUse use(uint32_t line, ImportTimeKind kind) {
    return {"app/a.py", line, "", kind, "heavy"};
}

constexpr const char* k_run = "\n\ndef run():\n    return heavy.go()\n";

}  // namespace

TEST(RemedyTable, EachImportTimeKindHasItsRemedyOrNone) {
    EXPECT_EQ(remedy_of(ImportTimeKind::configuring_call), RemedyKind::move_configuring_call);
    EXPECT_EQ(remedy_of(ImportTimeKind::feature_flag), RemedyKind::find_spec_flag);
    EXPECT_EQ(remedy_of(ImportTimeKind::module_object), RemedyKind::cached_factory);
    for (ImportTimeKind kind :
         {ImportTimeKind::base_class, ImportTimeKind::class_body, ImportTimeKind::decorator,
          ImportTimeKind::default_argument, ImportTimeKind::annotation})
        EXPECT_EQ(remedy_of(kind), RemedyKind::own_module_for_class) << model::import_time_kind_name(kind);
    EXPECT_EQ(remedy_of(ImportTimeKind::registration), RemedyKind::lazy_in_handlers);
    EXPECT_FALSE(remedy_of(ImportTimeKind::call).has_value());
    EXPECT_FALSE(remedy_of(ImportTimeKind::other).has_value());
}

TEST_F(RemedyTest, ConfiguringCallMovesWithTheImportsAndNamesEveryCall) {
    Plan plan =
        plan_with(std::string("import heavy\n\nheavy.use(\"Agg\")\nheavy.set(1)\n") + k_run, 1,
                  {use(3, ImportTimeKind::configuring_call), use(4, ImportTimeKind::configuring_call)});
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    ASSERT_EQ(a_heavy.action, Action::cannot_move);
    EXPECT_EQ(a_heavy.why.code, ReasonCode::used_at_import_time);
    ASSERT_TRUE(a_heavy.remedy);
    EXPECT_EQ(a_heavy.remedy->kind, RemedyKind::move_configuring_call);
    EXPECT_EQ(a_heavy.remedy->fix, RemedyFix::unsafe);
    ASSERT_EQ(a_heavy.remedy->blocking.size(), 2u);
    EXPECT_EQ(a_heavy.remedy->blocking[0].line, 3u);
    EXPECT_EQ(a_heavy.remedy->blocking[1].line, 4u);
    EXPECT_EQ(a_heavy.remedy->blocking[1].kind, "configuring_call");
    EXPECT_DOUBLE_EQ(a_heavy.remedy->saving_ms, *a_heavy.cost_ms);
    EXPECT_NE(a_heavy.reason.find("used at import time, line 3"), std::string::npos) << a_heavy.reason;
    EXPECT_NE(
        a_heavy.reason.find("; remedy: move `heavy.use(\"Agg\")` (line 3) and 1 more with the heavy imports"),
        std::string::npos)
        << a_heavy.reason;
    EXPECT_NE(a_heavy.reason.find("(saves 4.0 ms)"), std::string::npos) << a_heavy.reason;
    // heavy leaves once app.a's import moves: app.b's moves with it, and says so. The
    // prediction leaves both out.
    const PlanItem& b_heavy = row(plan, "app/b.py", 1);
    EXPECT_EQ(b_heavy.action, Action::keep);
    ASSERT_TRUE(b_heavy.remedy);
    EXPECT_EQ(b_heavy.remedy->kind, RemedyKind::move_with_remedies);
    EXPECT_EQ(b_heavy.remedy->fix, RemedyFix::unsafe);  // as cautious as app.a's remedy
    EXPECT_EQ(b_heavy.remedy->with, std::vector<std::string>{"app/a.py:1"});
    EXPECT_DOUBLE_EQ(b_heavy.remedy->saving_ms, 4.0);
    EXPECT_EQ(plan.summary.remedies, 2u);
    EXPECT_EQ(plan.summary.remedies_applied, 2u);
    EXPECT_DOUBLE_EQ(plan.summary.remedies_ms, 4.0);
    EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 0.0);
}

TEST_F(RemedyTest, AProbeInATryBlockWithAFlagGetsFindSpecProbe) {
    Plan plan = plan_with(std::string("try:\n    import heavy\n    heavy.version\n    HAS_HEAVY = True\n"
                                      "except ImportError:\n    HAS_HEAVY = False\n") +
                              k_run,
                          2, {use(3, ImportTimeKind::feature_flag)});
    const PlanItem& a_heavy = row(plan, "app/a.py", 2);
    ASSERT_TRUE(a_heavy.remedy) << a_heavy.reason;
    EXPECT_EQ(a_heavy.remedy->kind, RemedyKind::find_spec_probe);
    EXPECT_EQ(a_heavy.remedy->fix, RemedyFix::safe);
    EXPECT_NE(a_heavy.remedy->edit.find("importlib.util.find_spec(\"heavy\")"), std::string::npos);
}

TEST_F(RemedyTest, AFlagTestedAtModuleLevelGetsFindSpecFlag) {
    Plan plan = plan_with(std::string("try:\n    import heavy\nexcept ImportError:\n    heavy = None\n\n"
                                      "if heavy is not None:\n    FAST = True\n") +
                              k_run,
                          2, {use(6, ImportTimeKind::feature_flag)});
    const PlanItem& a_heavy = row(plan, "app/a.py", 2);
    ASSERT_TRUE(a_heavy.remedy) << a_heavy.reason;
    EXPECT_EQ(a_heavy.remedy->kind, RemedyKind::find_spec_flag);
    EXPECT_EQ(a_heavy.remedy->fix, RemedyFix::unsafe);
}

TEST_F(RemedyTest, AModuleLevelObjectGetsACachedFactory) {
    Plan plan = plan_with(std::string("import heavy\n\nclient = heavy.Client()\n") + k_run, 1,
                          {use(3, ImportTimeKind::module_object)});
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    ASSERT_TRUE(a_heavy.remedy);
    EXPECT_EQ(a_heavy.remedy->kind, RemedyKind::cached_factory);
    EXPECT_EQ(a_heavy.remedy->fix, RemedyFix::unsafe);
    EXPECT_NE(a_heavy.remedy->edit.find("`client = heavy.Client()` (line 3)"), std::string::npos);
}

TEST_F(RemedyTest, ACachedFactoryListsTheObjectsReadersInOtherModules) {
    m_b = python::scan_source(
        "import heavy\nimport light\nfrom app import a\n\n\ndef run():\n    return a.client.go() + "
        "light.go()\n");
    Plan plan = plan_with(std::string("import heavy\n\nclient = heavy.Client()\n") + k_run, 1,
                          {use(3, ImportTimeKind::module_object)});
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    ASSERT_TRUE(a_heavy.remedy);
    EXPECT_EQ(a_heavy.remedy->kind, RemedyKind::cached_factory);
    EXPECT_EQ(a_heavy.remedy->readers, std::vector<std::string>{"app/b.py:7"});
    // The fixer refuses a factory read elsewhere: the plan does not promise it.
    EXPECT_EQ(a_heavy.remedy->fix, RemedyFix::manual);
    EXPECT_NE(a_heavy.remedy->edit.find("by hand: app/b.py:7 reads it"), std::string::npos);
}

TEST_F(RemedyTest, AClassOnTheLibrarysBaseMovesToItsOwnModuleByHand) {
    Plan plan = plan_with(
        std::string("import heavy\n\n\nclass Row(heavy.Base):\n    kind = heavy.Column()\n") + k_run, 1,
        {use(4, ImportTimeKind::base_class), use(5, ImportTimeKind::class_body)});
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    ASSERT_TRUE(a_heavy.remedy);
    EXPECT_EQ(a_heavy.remedy->kind, RemedyKind::own_module_for_class);
    EXPECT_EQ(a_heavy.remedy->fix, RemedyFix::manual);
    EXPECT_NE(a_heavy.remedy->edit.find("class Row"), std::string::npos);
    EXPECT_EQ(plan.summary.remedies_applied, 0u);
}

TEST_F(RemedyTest, RegistrationsStayEagerAndTheirImportsMoveIntoTheHandlers) {
    Plan plan =
        plan_with(std::string("import heavy\n\n\n@heavy.route(\"/\")\ndef index():\n    return 1\n") + k_run,
                  1, {use(4, ImportTimeKind::registration)});
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    ASSERT_TRUE(a_heavy.remedy);
    EXPECT_EQ(a_heavy.remedy->kind, RemedyKind::lazy_in_handlers);
    EXPECT_EQ(a_heavy.remedy->fix, RemedyFix::manual);
}

TEST_F(RemedyTest, AMixOfKindsGetsTheRemedyThatIsNotMechanicalAndSaysSo) {
    Plan plan = plan_with(
        std::string("import heavy\n\nheavy.use(\"Agg\")\n\n\nclass Row(heavy.Base):\n    pass\n") + k_run, 1,
        {use(3, ImportTimeKind::configuring_call), use(6, ImportTimeKind::base_class)});
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    ASSERT_TRUE(a_heavy.remedy);
    EXPECT_EQ(a_heavy.remedy->kind, RemedyKind::own_module_for_class);
    EXPECT_EQ(a_heavy.remedy->fix, RemedyFix::manual);
    EXPECT_NE(a_heavy.remedy->edit.find("also used at import time as configuring_call"), std::string::npos)
        << a_heavy.remedy->edit;
    EXPECT_EQ(a_heavy.remedy->blocking.size(), 2u);
}

TEST_F(RemedyTest, AConfiguredLibraryIsNeverListedInTheFastPath) {
    m_usage.sites[0] = site("app/a.py", 1, "heavy", "heavy", numbers(1, 10));  // heavy: hot
    m_usage.sites[1] = site("app/b.py", 1, "heavy", "heavy", numbers(1, 10));
    Plan before = plan_with(std::string("import heavy\n") + k_run, 1, {});
    EXPECT_TRUE(listed_in_fast_path(row(before, "app/a.py", 1)));
    Plan plan = plan_with(std::string("import heavy\n\nheavy.use(\"Agg\")\n") + k_run, 1,
                          {use(3, ImportTimeKind::configuring_call)});
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    EXPECT_FALSE(listed_in_fast_path(a_heavy));
    EXPECT_NE(a_heavy.reason.find("not in the fast path: app/a.py:3 configures heavy at import time"),
              std::string::npos)
        << a_heavy.reason;
    EXPECT_EQ(plan.summary.fast_path_imports, before.summary.fast_path_imports - 1);
}

TEST_F(RemedyTest, AFailedImportIsNotLoadedAtColdStart) {
    m_profile.modules[module("heavy").value].failed = true;
    m_b = python::scan_source(
        "import heavy\nimport light\n\n\ndef run():\n    import heavy\n    return light.go()\n");
    Plan plan = plan_with(std::string("import heavy\n") + k_run, 1, {});
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    EXPECT_EQ(a_heavy.why.code, ReasonCode::import_failed);
    EXPECT_EQ(a_heavy.action, Action::keep);
    EXPECT_NE(a_heavy.reason.find("its import fails here"), std::string::npos) << a_heavy.reason;
    const PlanItem& inner = row(plan, "app/b.py", 6);
    EXPECT_NE(inner.action, Action::hoist);
    EXPECT_EQ(inner.reason.find("imported at cold start anyway"), std::string::npos) << inner.reason;
}

TEST_F(RemedyTest, AnImportTheProfileSawFailSaysSoEvenWithoutASite) {
    // -X importtime lists `winmod` (failed), but no import statement of the project loaded it.
    model::Module failed;
    failed.name = "winmod";
    failed.file = "winmod";
    failed.failed = true;
    m_profile.modules.push_back(failed);
    Plan plan = plan_with(
        std::string("import heavy\ntry:\n    import winmod\nexcept ImportError:\n    winmod = None\n") +
            k_run,
        1, {});
    const PlanItem& probe = row(plan, "app/a.py", 3);
    EXPECT_EQ(probe.why.code, ReasonCode::import_failed);
    EXPECT_EQ(probe.why.module, "winmod");
}

TEST_F(RemedyTest, ModuleLevelCodeAboveFastMsIsNamedSlowestFirst) {
    m_profile.modules[module("app.handler").value].self.median = 2500;  // above fast-ms (1)
    m_profile.module_code = {{"app/b.py", 4, "TABLE = build()", 1200},  // app.b is below fast-ms
                             {"app/handler.py", 3, "CTX = make()", 1100},
                             {"app/handler.py", 9, "GRAMMAR = compile()", 1300}};
    m_profile.import_hooks = {{"loader.Finder", 3, 2500, "app.b", 2000},
                              {"small.Finder", 1, 200, "app.a", 200}};
    Plan plan = plan_with(std::string("import heavy\n") + k_run, 1, {});
    ASSERT_EQ(plan.code.statements.size(), 2u);
    EXPECT_EQ(plan.code.statements[0].line, 9u);
    EXPECT_EQ(plan.code.statements[0].text, "GRAMMAR = compile()");
    EXPECT_DOUBLE_EQ(plan.code.statements[0].ms, 1.3);
    EXPECT_EQ(plan.code.statements[1].line, 3u);
    ASSERT_EQ(plan.code.hooks.size(), 1u);
    EXPECT_EQ(plan.code.hooks[0].finder, "loader.Finder");
}

}  // namespace lmms::policy

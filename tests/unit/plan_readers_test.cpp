// Who reads a plan row's names from elsewhere decides the row (TRAPS.md
// A.1-A.4): on the made-up project of profile_fixture.hpp, where
// app.handler imports app.a and app.b, both import `heavy` (4 ms, shared)
// and, without other readers, both `import heavy` rows are lazy. app.a is
// hot here (90 %), so it stays on the cold path whatever its imports do.

#include <gtest/gtest.h>

#include "plan_fixture.hpp"
#include "policy/plan.hpp"
#include "profile_fixture.hpp"

namespace lmms::policy {

namespace {

using testing::captures_of;
using testing::k_a;
using testing::k_b;
using testing::k_handler;
using testing::k_layout;
using testing::k_log;
using testing::site;

class PlanReadersTest : public ::testing::Test {
protected:
    PlanReadersTest()
        : m_profile(capture::build_profile(captures_of(k_log), k_layout)),
          m_handler(python::scan_source(k_handler)),
          m_a(python::scan_source(k_a)),
          m_b(python::scan_source(k_b)) {
        for (uint32_t n = 1; n <= 10; ++n)
            m_usage.invocations.push_back({n, n, "kind", 1.0, "", "", ""});
        m_usage.sites = {
            site("app/a.py", 1, "heavy", "heavy", 1, 2), site("app/b.py", 1, "heavy", "heavy", 3, 10),
            site("app/b.py", 2, "light", "light", 3, 10), site("app/handler.py", 1, "app", "a", 1, 9),
            site("app/handler.py", 2, "app", "b", 3, 10)};
        m_inputs.profile = &m_profile;
        m_inputs.usage = &m_usage;
        m_inputs.files = {{"app/a.py", "app.a", &m_a},
                          {"app/b.py", "app.b", &m_b},
                          {"app/handler.py", "app.handler", &m_handler}};
        m_inputs.entry_module = "app.handler";
        m_inputs.fast_path_file = "app/fast_path.py";
        m_inputs.fast_path_module = "app.fast_path";
        m_inputs.thresholds = {1, 3.5, 80};
    }

    /// The plan with app/cli.py (not on the cold path) holding `cli`.
    Plan with_cli(const char* cli) {
        m_cli = python::scan_source(cli);
        m_inputs.files.push_back({"app/cli.py", "app.cli", &m_cli});
        return make_plan(m_inputs);
    }

    static const PlanItem& row(const Plan& plan, const std::string& file, uint32_t line) {
        for (const PlanItem& item : plan.items)
            if (item.file == file && item.line == line)
                return item;
        throw std::runtime_error("no row " + file);
    }

    /// a.py's heavy cannot move as it is, and the prediction does not count it.
    static void expect_read_elsewhere(const Plan& plan, const std::string& kind, uint32_t line) {
        const PlanItem& a_heavy = row(plan, "app/a.py", 1);
        EXPECT_EQ(a_heavy.action, Action::cannot_move);
        EXPECT_EQ(a_heavy.why.code, ReasonCode::read_elsewhere);
        ASSERT_EQ(a_heavy.why.blocking.size(), 1u);
        EXPECT_EQ(a_heavy.why.blocking[0].file, "app/cli.py");
        EXPECT_EQ(a_heavy.why.blocking[0].line, line);
        EXPECT_EQ(a_heavy.why.blocking[0].kind, kind);
        ASSERT_TRUE(a_heavy.remedy.has_value());
        EXPECT_EQ(a_heavy.remedy->kind, RemedyKind::module_getattr);
        EXPECT_EQ(a_heavy.remedy->readers, std::vector<std::string>{"app/cli.py:" + std::to_string(line)});
        EXPECT_EQ(a_heavy.reason.find("remove"), std::string::npos) << a_heavy.reason;
        EXPECT_NE(a_heavy.reason.find("app/cli.py:" + std::to_string(line) + " (" + kind + ")"),
                  std::string::npos)
            << a_heavy.reason;
        // heavy stays through app.a: b's lazy import frees nothing, and nothing is predicted.
        EXPECT_EQ(plan.summary.cannot_move, 1u);
        EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 0.0);
    }

    model::Profile m_profile;
    python::FileFacts m_handler, m_a, m_b, m_cli;
    model::Usage m_usage;
    PlanInputs m_inputs;
};

}  // namespace

TEST_F(PlanReadersTest, WithoutReadersElsewhereBothImportsAreLazy) {
    Plan plan = make_plan(m_inputs);
    EXPECT_EQ(row(plan, "app/a.py", 1).action, Action::lazy);
    EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 4.0);
}

TEST_F(PlanReadersTest, AnAttributeReadElsewhereKeepsTheRowFromFunctionStyle) {
    Plan plan = with_cli("from app import a\n\n\ndef main():\n    return a.heavy.go()\n");
    expect_read_elsewhere(plan, "attribute", 5);
    // `import heavy`, read in its own file too: only by hand.
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    EXPECT_EQ(a_heavy.remedy->fix, RemedyFix::manual);
    EXPECT_NE(a_heavy.remedy->edit.find("a module __getattr__ (PEP 562) imports heavy on first access; "
                                        "app.a.heavy by app/cli.py:5"),
              std::string::npos)
        << a_heavy.remedy->edit;
    EXPECT_DOUBLE_EQ(a_heavy.remedy->saving_ms, *a_heavy.cost_ms);
}

TEST_F(PlanReadersTest, AFunctionLevelFromImportElsewhereKeepsTheRowFromFunctionStyle) {
    expect_read_elsewhere(with_cli("def main():\n    from app.a import heavy\n    return heavy.go()\n"),
                          "from_import", 2);
}

TEST_F(PlanReadersTest, AGetattrWithALiteralElsewhereKeepsTheRowFromFunctionStyle) {
    expect_read_elsewhere(
        with_cli("from app import a\n\n\ndef main():\n    return getattr(a, \"heavy\").go()\n"), "getattr",
        5);
}

TEST_F(PlanReadersTest, AStarImportElsewhereKeepsTheRowFromFunctionStyle) {
    expect_read_elsewhere(with_cli("from app.a import *\n"), "star_import", 1);
}

TEST_F(PlanReadersTest, AModuleLevelFromImportInAFileOffTheColdPathIsARemedyNotABlock) {
    expect_read_elsewhere(with_cli("from app.a import heavy\n"), "from_import", 1);
}

TEST_F(PlanReadersTest, AModuleLevelFromImportOnTheColdPathIsAnImportTimeUse) {
    m_handler = python::scan_source(std::string(k_handler) + "\n\nfrom app.a import heavy\n");
    Plan plan = make_plan(m_inputs);
    const PlanItem& a_heavy = row(plan, "app/a.py", 1);
    EXPECT_EQ(a_heavy.action, Action::cannot_move);
    EXPECT_EQ(a_heavy.why.code, ReasonCode::used_at_import_time);
    ASSERT_EQ(a_heavy.why.blocking.size(), 1u);
    EXPECT_EQ(a_heavy.why.blocking[0].file, "app/handler.py");
    EXPECT_EQ(a_heavy.why.blocking[0].line, 11u);
    EXPECT_EQ(a_heavy.why.blocking[0].kind, "from_import");
    EXPECT_FALSE(a_heavy.why.blocking[0].same_file);
    EXPECT_FALSE(a_heavy.remedy.has_value());  // a module __getattr__ would run at once
    EXPECT_NE(a_heavy.reason.find("used at import time, app/handler.py:11"), std::string::npos)
        << a_heavy.reason;
    EXPECT_DOUBLE_EQ(plan.summary.saved_ms, 0.0);
}

TEST_F(PlanReadersTest, AReExportInAllIsAnUnsafeGetattrRemedy) {
    // `from heavy import go` re-exported: no function of app/a.py reads it.
    m_a = python::scan_source(
        "from heavy import go\n\n__all__ = [\"go\", \"run\"]\n\n\ndef run():\n    return 1\n");
    m_usage.sites[0] = site("app/a.py", 1, "heavy", "go", 1, 0);
    m_usage.sites[0].statement = "from heavy import go";
    Plan plan = make_plan(m_inputs);
    const PlanItem& a_go = row(plan, "app/a.py", 1);
    EXPECT_EQ(a_go.action, Action::cannot_move);
    EXPECT_EQ(a_go.why.code, ReasonCode::read_elsewhere);
    ASSERT_EQ(a_go.why.blocking.size(), 1u);
    EXPECT_EQ(a_go.why.blocking[0].kind, "all_export");
    ASSERT_TRUE(a_go.remedy.has_value());
    EXPECT_EQ(a_go.remedy->fix, RemedyFix::unsafe);  // users outside the project may rely on it
    EXPECT_TRUE(a_go.remedy->readers.empty());
    EXPECT_EQ(a_go.reason.find("remove"), std::string::npos) << a_go.reason;
}

TEST_F(PlanReadersTest, AReExportReadOnlyFromOutsideWithAnAllIsASafeGetattrRemedy) {
    m_a = python::scan_source("from heavy import go\n\n__all__ = [\"run\"]\n\n\ndef run():\n    return 1\n");
    m_usage.sites[0] = site("app/a.py", 1, "heavy", "go", 1, 0);
    m_usage.sites[0].statement = "from heavy import go";
    Plan plan = with_cli("from app import a\n\n\ndef main():\n    return a.go()\n");
    const PlanItem& a_go = row(plan, "app/a.py", 1);
    EXPECT_EQ(a_go.action, Action::cannot_move);
    ASSERT_TRUE(a_go.remedy.has_value());
    EXPECT_EQ(a_go.remedy->fix, RemedyFix::safe);
    EXPECT_EQ(a_go.remedy->readers, std::vector<std::string>{"app/cli.py:5"});
}

TEST_F(PlanReadersTest, AReExportWithoutAllIsAManualGetattrRemedy) {
    m_a = python::scan_source("from heavy import go\n\n\ndef run():\n    return 1\n");
    m_usage.sites[0] = site("app/a.py", 1, "heavy", "go", 1, 0);
    m_usage.sites[0].statement = "from heavy import go";
    Plan plan = with_cli("from app import a\n\n\ndef main():\n    return a.go()\n");
    const PlanItem& a_go = row(plan, "app/a.py", 1);
    EXPECT_EQ(a_go.action, Action::cannot_move);
    ASSERT_TRUE(a_go.remedy.has_value());
    EXPECT_EQ(a_go.remedy->fix, RemedyFix::manual);
    EXPECT_NE(a_go.remedy->edit.find("no __all__"), std::string::npos) << a_go.remedy->edit;
}

// A guard rather than a new behaviour: a reader of another name of the module changes nothing.
TEST_F(PlanReadersTest, AnImportNobodyReadsStaysASideEffectImport) {
    m_b = python::scan_source(
        "import heavy\nimport light  # noqa: F401\n\n\ndef run():\n    return heavy.go()\n");
    m_usage.sites[2] = site("app/b.py", 2, "light", "light", 1, 0);
    m_usage.sites[4] = site("app/handler.py", 2, "app", "b", 2, 10);  // app.b stays on the cold path
    m_inputs.thresholds = {0.1, 3.5, 80};                             // light's 0.5 ms is worth moving
    Plan plan = with_cli("from app import b\n\n\ndef main():\n    return b.run()\n");
    const PlanItem& unread = row(plan, "app/b.py", 2);
    EXPECT_EQ(unread.tier, Tier::cold);
    EXPECT_EQ(unread.action, Action::keep);
    EXPECT_EQ(unread.why.code, ReasonCode::side_effect);
    EXPECT_FALSE(unread.remedy.has_value());
    EXPECT_EQ(unread.reason.find("remove"), std::string::npos) << unread.reason;
}

}  // namespace lmms::policy

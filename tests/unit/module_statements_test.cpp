// The statements that run with a module body, as the scanner lists them.

#include <gtest/gtest.h>

#include "python/facts.hpp"

namespace lmms::python {

namespace {

const ModuleStatement& at_line(const FileFacts& facts, uint32_t line) {
    int32_t index = statement_at(facts.statements, line);
    if (index < 0) {
        ADD_FAILURE() << "no statement at line " << line;
        static const ModuleStatement none;
        return none;
    }
    return facts.statements[static_cast<size_t>(index)];
}

}  // namespace

TEST(ModuleStatements, EachTopLevelStatementHasItsKindAndLines) {
    FileFacts facts = scan_source(
        "import plotlib\n"            // 1
        "plotlib.use('Agg')\n"        // 2
        "env = jinja.Environment(\n"  // 3
        "    loader=None)\n"          // 4
        "count += 1\n"                // 5
        "x: int = make()\n"           // 6
        "del x\n"                     // 7
        "for name in plugins():\n"    // 8
        "    register(name)\n"        // 9
        "with open('f') as f:\n"      // 10
        "    data = f.read()\n");     // 11
    ASSERT_EQ(facts.statements.size(), 10u);
    EXPECT_EQ(at_line(facts, 1).kind, ModuleStatementKind::import);
    EXPECT_EQ(at_line(facts, 2).kind, ModuleStatementKind::expression);
    EXPECT_EQ(at_line(facts, 2).callee, "plotlib.use");
    const ModuleStatement& env = at_line(facts, 4);
    EXPECT_EQ(env.kind, ModuleStatementKind::assignment);
    EXPECT_EQ(env.line, 3u);
    EXPECT_EQ(env.end_line, 4u);
    EXPECT_EQ(env.callee, "jinja.Environment");
    EXPECT_EQ(at_line(facts, 5).kind, ModuleStatementKind::augmented_assignment);
    EXPECT_EQ(at_line(facts, 6).kind, ModuleStatementKind::assignment);
    EXPECT_EQ(at_line(facts, 6).callee, "make");
    EXPECT_EQ(at_line(facts, 7).kind, ModuleStatementKind::other);
    const ModuleStatement& loop = facts.statements[6];
    EXPECT_EQ(loop.kind, ModuleStatementKind::loop);
    EXPECT_EQ(loop.header.line, 8u);
    // The loop's body runs with the module: its statements are listed, the loop their parent.
    EXPECT_EQ(at_line(facts, 9).kind, ModuleStatementKind::expression);
    EXPECT_EQ(at_line(facts, 9).parent, 6);
    EXPECT_EQ(at_line(facts, 9).callee, "register");
    EXPECT_EQ(facts.statements[8].kind, ModuleStatementKind::with_statement);
    EXPECT_EQ(at_line(facts, 11).kind, ModuleStatementKind::assignment);
    EXPECT_EQ(at_line(facts, 11).callee, "f.read");
}

TEST(ModuleStatements, AReturnOrRaiseIsNoExpressionStatement) {
    FileFacts facts = scan_source("raise SystemExit(main())\nassert check()\n");
    ASSERT_EQ(facts.statements.size(), 2u);
    EXPECT_EQ(facts.statements[0].kind, ModuleStatementKind::other);
    EXPECT_EQ(facts.statements[1].kind, ModuleStatementKind::other);
}

TEST(ModuleStatements, AFunctionKnowsItsDecoratorsDefaultsAndAnnotations) {
    FileFacts facts = scan_source(
        "@app.route('/')\n"                              // 1
        "@functools.cache\n"                             // 2
        "def index(size: np.int64 = np.int64(3),\n"      // 3
        "          *, strict=False) -> pd.DataFrame:\n"  // 4
        "    return pd.DataFrame()\n");                  // 5
    ASSERT_EQ(facts.statements.size(), 1u);              // the body is not module level
    const ModuleStatement& def = facts.statements[0];
    EXPECT_EQ(def.kind, ModuleStatementKind::function_def);
    EXPECT_EQ(def.name, "index");
    EXPECT_EQ(def.line, 1u);
    EXPECT_EQ(def.end_line, 5u);
    ASSERT_EQ(def.decorators.size(), 2u);
    EXPECT_EQ(def.decorators[0].callee, "app.route");
    EXPECT_TRUE(def.decorators[0].called);
    EXPECT_EQ(def.decorators[1].callee, "functools.cache");
    EXPECT_FALSE(def.decorators[1].called);
    ASSERT_EQ(def.defaults.size(), 2u);
    EXPECT_EQ(def.defaults[0].line, 3u);
    EXPECT_TRUE(def.defaults[0].contains(3, 27));   // the `np` of np.int64(3)
    EXPECT_FALSE(def.defaults[0].contains(3, 16));  // the annotation's
    EXPECT_EQ(def.defaults[1].line, 4u);
    ASSERT_EQ(def.annotations.size(), 2u);
    EXPECT_TRUE(def.annotations[0].contains(3, 16));
    EXPECT_EQ(def.annotations[1].line, 4u);  // the return annotation
}

TEST(ModuleStatements, AClassKnowsItsDecoratorsAndBasesNotItsBody) {
    FileFacts facts = scan_source(
        "@dataclass\n"                            // 1
        "class Row(orm.Base, metaclass=Meta):\n"  // 2
        "    id = Column(Integer)\n");            // 3
    ASSERT_EQ(facts.statements.size(), 1u);
    const ModuleStatement& row = facts.statements[0];
    EXPECT_EQ(row.kind, ModuleStatementKind::class_def);
    EXPECT_EQ(row.name, "Row");
    EXPECT_EQ(row.line, 1u);
    EXPECT_EQ(row.end_line, 3u);
    ASSERT_EQ(row.decorators.size(), 1u);
    EXPECT_EQ(row.decorators[0].callee, "dataclass");
    ASSERT_EQ(row.bases.size(), 2u);
    EXPECT_TRUE(row.bases[0].contains(2, 10));
    EXPECT_TRUE(row.bases[1].contains(2, 20));
    EXPECT_FALSE(row.bases[1].contains(3, 4));
}

TEST(ModuleStatements, TryKnowsWhetherItCatchesImportErrorAndListsEveryBlock) {
    FileFacts facts = scan_source(
        "try:\n"                                    // 1
        "    import fast\n"                         // 2
        "except (ModuleNotFoundError, OSError):\n"  // 3
        "    fast = None\n"                         // 4
        "if fast is not None:\n"                    // 5
        "    MODE = 'fast'\n"                       // 6
        "elif other:\n"                             // 7
        "    MODE = 'other'\n"                      // 8
        "try:\n"                                    // 9
        "    pass\n"                                // 10
        "except ValueError:\n"                      // 11
        "    pass\n");                              // 12
    const ModuleStatement& guarded = facts.statements[0];
    EXPECT_EQ(guarded.kind, ModuleStatementKind::try_statement);
    EXPECT_TRUE(guarded.catches_import_error);
    EXPECT_EQ(at_line(facts, 2).parent, 0);
    EXPECT_EQ(at_line(facts, 4).parent, 0);
    const ModuleStatement& test = at_line(facts, 5);
    EXPECT_EQ(test.kind, ModuleStatementKind::if_statement);
    EXPECT_TRUE(test.header.contains(5, 3));
    EXPECT_FALSE(test.header.contains_line(6));
    EXPECT_EQ(at_line(facts, 7).kind, ModuleStatementKind::if_statement);  // elif: an if in the else
    EXPECT_EQ(at_line(facts, 8).kind, ModuleStatementKind::assignment);
    EXPECT_FALSE(at_line(facts, 9).catches_import_error);
}

TEST(ModuleStatements, ALineOutsideEveryStatementHasNone) {
    FileFacts facts = scan_source("x = 1\n\n# a comment\ny = 2\n");
    EXPECT_EQ(statement_at(facts.statements, 2), -1);
    EXPECT_EQ(statement_at(facts.statements, 4), 1);
    EXPECT_EQ(statement_at(facts.statements, 9), -1);
}

}  // namespace lmms::python

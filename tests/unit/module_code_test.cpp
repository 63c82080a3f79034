#include "capture/module_code.hpp"

#include <gtest/gtest.h>

namespace lmms::capture {

namespace {

constexpr const char* k_source = R"(import ssl
TABLE = {}

for name in range(3):
    TABLE[name] = build(name)

@register(
    "x")
def handler():
    pass

CONTEXT = ssl.create_default_context(purpose=ssl.Purpose.SERVER_AUTH, cafile=None, capath=None, cadata=None)
)";

constexpr int64_t k_ms = 1'000'000;

}  // namespace

TEST(ModuleCode, ALoopsBodyIsBilledToTheLoop) {
    auto statements = fold_statements(k_source, "app/a.py", {{4, 1 * k_ms}, {5, 30 * k_ms}});
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0].file, "app/a.py");
    EXPECT_EQ(statements[0].line, 4u);
    EXPECT_EQ(statements[0].text, "for name in range(3):");
    EXPECT_DOUBLE_EQ(statements[0].us, 31'000);
}

TEST(ModuleCode, ADecoratedDefinitionStartsAtItsDecorator) {
    auto statements = fold_statements(k_source, "app/a.py", {{8, 2 * k_ms}, {9, 3 * k_ms}});
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0].line, 7u);
    EXPECT_EQ(statements[0].text, "@register(");
    EXPECT_DOUBLE_EQ(statements[0].us, 5'000);
}

TEST(ModuleCode, StatementsUnderTheFloorAreLeftOut) {
    auto statements = fold_statements(k_source, "app/a.py", {{1, k_ms / 2}, {2, k_ms / 4}, {12, 20 * k_ms}});
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0].line, 12u);
    EXPECT_EQ(statements[0].text.size(), 80u);  // a long line is cut
    EXPECT_EQ(statements[0].text.substr(0, 20), "CONTEXT = ssl.create");
    EXPECT_EQ(statements[0].text.substr(77), "...");
}

TEST(ModuleCode, ALineOutsideEveryStatementStandsAlone) {
    auto statements = fold_statements("", "app/gone.py", {{3, 5 * k_ms}});
    ASSERT_EQ(statements.size(), 1u);
    EXPECT_EQ(statements[0].line, 3u);
    EXPECT_EQ(statements[0].text, "");
}

}  // namespace lmms::capture

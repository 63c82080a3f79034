#include "cli/entry.hpp"

#include <gtest/gtest.h>

namespace lmms::cli {

TEST(Entry, ModuleAndFunction) {
    auto entry = parse_entry("app.handler:handler");
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->module, "app.handler");
    EXPECT_EQ(entry->function, "handler");
}

TEST(Entry, ModuleOnly) {
    auto entry = parse_entry("tool.cli");
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->function, "");
}

TEST(Entry, RejectsPathsAndMalformedNames) {
    EXPECT_FALSE(parse_entry("app/handler.py"));
    EXPECT_FALSE(parse_entry("app..handler"));
    EXPECT_FALSE(parse_entry("app.handler:"));
    EXPECT_FALSE(parse_entry("1app"));
    EXPECT_FALSE(parse_entry(""));
}

TEST(Entry, AScriptPathIsRejectedWithItsModuleName) {
    auto entry = parse_entry("./src/tool.py");
    ASSERT_FALSE(entry);
    EXPECT_NE(entry.error().message.find("e.g. `src.tool`"), std::string::npos) << entry.error().message;
}

}  // namespace lmms::cli

#include "base/strings.hpp"

#include <array>

#include <gtest/gtest.h>

namespace lmms::base {

TEST(Strings, SplitKeepsEmptyPartsAndTheTextWithoutSeparator) {
    EXPECT_EQ(split("a; b;; c", "; "), (std::vector<std::string_view>{"a", "b;", "c"}));
    EXPECT_EQ(split("a,,b,", ","), (std::vector<std::string_view>{"a", "", "b", ""}));
    EXPECT_EQ(split("abc", ","), (std::vector<std::string_view>{"abc"}));
    EXPECT_EQ(split("", ","), (std::vector<std::string_view>{""}));
}

TEST(Strings, EditDistanceCountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(edit_distance("profile", "profile"), 0u);
    EXPECT_EQ(edit_distance("profil", "profile"), 1u);
    EXPECT_EQ(edit_distance("prfile", "profile"), 1u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("rnus", "runs"), 1u);  // a swap of neighbours
}

TEST(Strings, ClosestMatchSuggestsOnlyNearNames) {
    std::array<std::string_view, 3> names{"profile", "plan", "usage"};
    EXPECT_EQ(closest_match("profil", names), "profile");
    EXPECT_EQ(closest_match("pln", names), "plan");
    EXPECT_EQ(closest_match("zzzzzz", names), std::nullopt);
}

TEST(Strings, TailLinesKeepsTheLastLinesWithoutTrailingBlanks) {
    EXPECT_EQ(tail_lines("a\nb\nc\n\n", 2), "b\nc\n");
    EXPECT_EQ(tail_lines("only", 5), "only\n");
    EXPECT_EQ(tail_lines("", 5), "");
}

TEST(Strings, SplitLinesDropsCarriageReturns) {
    auto lines = split_lines("a\r\nb\nc");
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], "a");
    EXPECT_EQ(lines[2], "c");
}

TEST(Strings, ParseIntAcceptsWholeIntegersOnly) {
    EXPECT_EQ(parse_int("42"), 42);
    EXPECT_EQ(parse_int("-7"), -7);
    EXPECT_EQ(parse_int("12a"), std::nullopt);
    EXPECT_EQ(parse_int(""), std::nullopt);
}

TEST(Strings, FormatMsRoundsToOneDecimal) {
    EXPECT_EQ(format_ms(12345), "12.3");
    EXPECT_EQ(format_ms(0), "0.0");
}

}  // namespace lmms::base

#include "capture/importtime_parser.hpp"

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace lmms::capture {
namespace {

/// A stored log from tests/data/importtime, byte for byte (CRLF kept).
std::string read_log(const std::string& name) {
    std::ifstream file(std::string(LMMS_TEST_DATA) + "/importtime/" + name, std::ios::binary);
    EXPECT_TRUE(file.is_open()) << name;
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

std::vector<std::string> names(const ImportTimeLog& log) {
    std::vector<std::string> out;
    for (const ImportRecord& record : log.records)
        out.push_back(record.name);
    return out;
}

std::vector<int32_t> depths(const ImportTimeLog& log) {
    std::vector<int32_t> out;
    for (const ImportRecord& record : log.records)
        out.push_back(record.depth);
    return out;
}

std::vector<int32_t> parents(const ImportTimeLog& log) {
    std::vector<int32_t> out;
    for (const ImportRecord& record : log.records)
        out.push_back(record.parent);
    return out;
}

/// The parent's name of the (unique) record called `name`; "" at top level.
std::string parent_of(const ImportTimeLog& log, std::string_view name) {
    for (const ImportRecord& record : log.records) {
        if (record.name != name)
            continue;
        if (record.parent == k_no_parent)
            return "";
        return log.records.at(static_cast<size_t>(record.parent)).name;
    }
    ADD_FAILURE() << "no record named " << name;
    return "?";
}

bool mentions(std::string_view text, std::string_view word) {
    return text.find(word) != std::string_view::npos;
}

constexpr std::string_view k_header = "import time: self [us] | cumulative | imported package\n";

}  // namespace

TEST(ImportTimeParser, EmptyInputGivesAnEmptyLog) {
    ImportTimeLog log = parse_importtime("");
    EXPECT_TRUE(log.records.empty());
    EXPECT_EQ(log.other_output, "");
    EXPECT_TRUE(log.diagnostics.empty());
}

TEST(ImportTimeParser, HeaderAloneIsNeitherARecordNorOtherOutput) {
    ImportTimeLog log = parse_importtime(k_header);
    EXPECT_TRUE(log.records.empty());
    EXPECT_EQ(log.other_output, "");
    EXPECT_TRUE(log.diagnostics.empty());
}

TEST(ImportTimeParser, ReadsAGenuineLogIntoATree) {
    ImportTimeLog log = parse_importtime(read_log("clean.log"));
    ASSERT_EQ(log.records.size(), 28u);
    EXPECT_TRUE(log.diagnostics.empty());
    EXPECT_EQ(log.other_output, "");

    const ImportRecord& first = log.records.front();
    EXPECT_EQ(first.name, "_signal");
    EXPECT_EQ(first.depth, 0);
    EXPECT_EQ(first.self_us, 58);
    EXPECT_EQ(first.cumulative_us, 58);
    EXPECT_EQ(first.line, 2u);
    EXPECT_FALSE(first.cached);

    const ImportRecord& json = log.records.back();
    EXPECT_EQ(json.name, "json");
    EXPECT_EQ(json.depth, 0);
    EXPECT_EQ(json.self_us, 153);
    EXPECT_EQ(json.cumulative_us, 18058);
    EXPECT_EQ(json.line, 29u);

    EXPECT_EQ(parent_of(log, "_abc"), "abc");
    EXPECT_EQ(parent_of(log, "abc"), "io");
    EXPECT_EQ(parent_of(log, "io"), "");
    EXPECT_EQ(parent_of(log, "types"), "enum");  // depth 4, adopted when enum (depth 3) ends
    EXPECT_EQ(parent_of(log, "_collections_abc"), "collections");
    EXPECT_EQ(parent_of(log, "re._constants"), "re._parser");
    EXPECT_EQ(parent_of(log, "enum"), "re");
    EXPECT_EQ(parent_of(log, "_json"), "json.scanner");
    EXPECT_EQ(parent_of(log, "json.decoder"), "json");
    EXPECT_EQ(parent_of(log, "json.encoder"), "json");
}

TEST(ImportTimeParser, EveryParentOfAGenuineLogComesLaterAndOneLevelUp) {
    ImportTimeLog log = parse_importtime(read_log("clean.log"));
    for (size_t i = 0; i < log.records.size(); ++i) {
        const ImportRecord& record = log.records[i];
        EXPECT_EQ(record.line, i + 2) << record.name;  // one record per line after the header
        if (record.depth == 0) {
            EXPECT_EQ(record.parent, k_no_parent) << record.name;
            continue;
        }
        ASSERT_GT(record.parent, static_cast<int32_t>(i)) << record.name;
        EXPECT_EQ(log.records[static_cast<size_t>(record.parent)].depth, record.depth - 1) << record.name;
    }
}

TEST(ImportTimeParser, KeepsTheApplicationsOwnStderrApart) {
    ImportTimeLog log = parse_importtime(read_log("interleaved.log"));
    EXPECT_EQ(names(log), (std::vector<std::string>{"_abc", "abc", "io", "keyword", "myapp.config",
                                                    "myapp.cache", "myapp.plugins", "myapp"}));
    EXPECT_EQ(parents(log), (std::vector<int32_t>{1, 2, k_no_parent, 4, 7, 6, 7, k_no_parent}));
    EXPECT_EQ(log.other_output,
              "myapp: starting\n"
              "config: using defaults (no myapp.toml)\n"
              "warning: plugin cache is stale\n"
              "plugins: 2 loaded\n");
    EXPECT_TRUE(log.diagnostics.empty());
}

TEST(ImportTimeParser, SplitsARecordFromTheAppTextBeforeItOnTheSameLine) {
    ImportTimeLog log = parse_importtime(read_log("interleaved.log"));
    ASSERT_EQ(log.records.size(), 8u);
    const ImportRecord& cache = log.records[5];
    EXPECT_EQ(cache.name, "myapp.cache");
    EXPECT_EQ(cache.line, 9u);
    EXPECT_EQ(cache.depth, 2);
    EXPECT_EQ(cache.self_us, 61);
    EXPECT_EQ(cache.cumulative_us, 61);
}

TEST(ImportTimeParser, MarksModulesLoggedAsCachedByImporttime2) {
    ImportTimeLog log = parse_importtime(read_log("cached_314.log"));
    EXPECT_TRUE(log.diagnostics.empty());
    EXPECT_EQ(log.other_output, "");
    EXPECT_EQ(names(log), (std::vector<std::string>{"_abc", "abc", "io", "re", "re", "_json", "json.scanner",
                                                    "json.decoder", "json.encoder", "json", "json.decoder"}));
    EXPECT_EQ(depths(log), (std::vector<int32_t>{2, 1, 0, 2, 3, 3, 2, 1, 1, 0, 0}));
    EXPECT_EQ(parents(log),
              (std::vector<int32_t>{1, 2, k_no_parent, 7, 6, 6, 7, 9, 9, k_no_parent, k_no_parent}));
    for (size_t i : {3u, 4u, 10u}) {
        EXPECT_TRUE(log.records[i].cached) << i;
        EXPECT_EQ(log.records[i].self_us, 0) << i;
        EXPECT_EQ(log.records[i].cumulative_us, 0) << i;
    }
    EXPECT_FALSE(log.records[6].cached);
    EXPECT_EQ(log.records[6].self_us, 1834);
    EXPECT_EQ(log.records[6].cumulative_us, 1907);
}

TEST(ImportTimeParser, CountsNegativeTimesAsZeroAndSaysSo) {
    ImportTimeLog log = parse_importtime(read_log("negative.log"));
    ASSERT_EQ(log.records.size(), 4u);
    EXPECT_EQ(log.records[1].name, "abc");
    EXPECT_EQ(log.records[1].self_us, 0);
    EXPECT_EQ(log.records[1].cumulative_us, 38);
    EXPECT_EQ(log.records[3].name, "time");
    EXPECT_EQ(log.records[3].self_us, 0);
    EXPECT_EQ(log.records[3].cumulative_us, 0);
    EXPECT_EQ(parents(log), (std::vector<int32_t>{1, 2, k_no_parent, k_no_parent}));

    ASSERT_EQ(log.diagnostics.size(), 3u);  // abc's self, then time's self and cumulative
    EXPECT_EQ(log.diagnostics[0].line, 3u);
    EXPECT_TRUE(mentions(log.diagnostics[0].message, "negative")) << log.diagnostics[0].message;
    EXPECT_TRUE(mentions(log.diagnostics[0].message, "-3")) << log.diagnostics[0].message;
    EXPECT_TRUE(mentions(log.diagnostics[0].message, "abc")) << log.diagnostics[0].message;
    EXPECT_EQ(log.diagnostics[1].line, 5u);
    EXPECT_EQ(log.diagnostics[2].line, 5u);
    EXPECT_TRUE(mentions(log.diagnostics[2].message, "-9")) << log.diagnostics[2].message;
    EXPECT_EQ(log.other_output, "");
}

TEST(ImportTimeParser, KeepsARecordWithUnreadableTimesAndDropsALineWithoutBars) {
    ImportTimeLog log = parse_importtime(read_log("garbled.log"));
    EXPECT_EQ(names(log), (std::vector<std::string>{"_io", "marshal", "_frozen_importlib_external"}));
    EXPECT_EQ(parents(log), (std::vector<int32_t>{2, 2, k_no_parent}));
    EXPECT_EQ(log.records[1].self_us, 0);  // "12a4"
    EXPECT_EQ(log.records[1].cumulative_us, 213);
    // Not a record: the application may have printed it, so it is kept as its output.
    EXPECT_EQ(log.other_output, "import time: garbage without bars\n");

    ASSERT_EQ(log.diagnostics.size(), 2u);
    EXPECT_EQ(log.diagnostics[0].line, 3u);
    EXPECT_TRUE(mentions(log.diagnostics[0].message, "unreadable time")) << log.diagnostics[0].message;
    EXPECT_TRUE(mentions(log.diagnostics[0].message, "marshal")) << log.diagnostics[0].message;
    EXPECT_EQ(log.diagnostics[1].line, 4u);
    EXPECT_TRUE(mentions(log.diagnostics[1].message, "garbled")) << log.diagnostics[1].message;
}

TEST(ImportTimeParser, DropsARecordWhoseNameIsNotAModuleName) {
    std::string text = std::string(k_header) +
                       "import time:        12 |         12 |   not a module\n"
                       "import time:        12 |         12 |\n";
    ImportTimeLog log = parse_importtime(text);
    EXPECT_TRUE(log.records.empty());
    EXPECT_EQ(log.other_output,
              "import time:        12 |         12 |   not a module\n"
              "import time:        12 |         12 |\n");
    ASSERT_EQ(log.diagnostics.size(), 2u);
    EXPECT_EQ(log.diagnostics[0].line, 2u);
    EXPECT_TRUE(mentions(log.diagnostics[0].message, "garbled")) << log.diagnostics[0].message;
    EXPECT_EQ(log.diagnostics[1].line, 3u);
}

TEST(ImportTimeParser, IgnoresATruncatedLastLineAndLeavesItsChildrenAtTopLevel) {
    ImportTimeLog log = parse_importtime(read_log("truncated.log"));
    EXPECT_EQ(names(log), (std::vector<std::string>{"_io", "marshal", "posix"}));
    EXPECT_EQ(depths(log), (std::vector<int32_t>{1, 1, 1}));
    EXPECT_EQ(parents(log), (std::vector<int32_t>{k_no_parent, k_no_parent, k_no_parent}));
    EXPECT_EQ(log.other_output, "");
    ASSERT_EQ(log.diagnostics.size(), 1u);
    EXPECT_EQ(log.diagnostics[0].line, 5u);
    EXPECT_TRUE(mentions(log.diagnostics[0].message, "truncated")) << log.diagnostics[0].message;
}

TEST(ImportTimeParser, KeepsEveryAttemptOfAFailingOptionalImport) {
    ImportTimeLog log = parse_importtime(read_log("failed_imports.log"));
    EXPECT_TRUE(log.diagnostics.empty());
    EXPECT_EQ(names(log), (std::vector<std::string>{"_abc", "abc", "io", "svc", "ujson", "svc.codec", "ujson",
                                                    "svc.server", "ujson"}));
    EXPECT_EQ(parents(log),
              (std::vector<int32_t>{1, 2, k_no_parent, 5, 5, k_no_parent, 7, k_no_parent, k_no_parent}));
    EXPECT_EQ(log.records[4].line, 6u);
    EXPECT_EQ(log.records[4].self_us, 81);
    EXPECT_EQ(log.records[6].line, 8u);
    EXPECT_EQ(log.records[6].self_us, 25);
    EXPECT_EQ(log.records[8].line, 10u);
    EXPECT_EQ(log.records[8].self_us, 20);
}

TEST(ImportTimeParser, AcceptsCrlfLineEndings) {
    ImportTimeLog log = parse_importtime(read_log("crlf.log"));
    EXPECT_TRUE(log.diagnostics.empty());
    EXPECT_EQ(names(log), (std::vector<std::string>{"_abc", "abc", "io"}));  // no '\r' in names
    EXPECT_EQ(parents(log), (std::vector<int32_t>{1, 2, k_no_parent}));
    EXPECT_EQ(log.records[2].cumulative_us, 154);
    EXPECT_EQ(log.records[2].line, 5u);
    EXPECT_EQ(log.other_output, "myapp: starting\n");
}

TEST(ImportTimeParser, ChildrenOfAGarbledLineAreAdoptedByTheNextShallowerRecord) {
    std::string text = std::string(k_header) +
                       "import time:        10 |         10 |       d\n"
                       "import time:        20 |         30 |     c\n"
                       "import time:        40 ;         70 |   b\n"  // depth 1, garbled: one bar
                       "import time:        50 |        120 | a\n";
    ImportTimeLog log = parse_importtime(text);
    EXPECT_EQ(names(log), (std::vector<std::string>{"d", "c", "a"}));
    EXPECT_EQ(depths(log), (std::vector<int32_t>{3, 2, 0}));
    EXPECT_EQ(parents(log), (std::vector<int32_t>{1, 2, k_no_parent}));
    ASSERT_EQ(log.diagnostics.size(), 1u);
    EXPECT_EQ(log.diagnostics[0].line, 4u);
}

TEST(ImportTimeParser, KeepsAnApplicationLineThatMentionsImportTime) {
    ImportTimeLog log = parse_importtime("myapp: import time: 3.2s total\n");
    EXPECT_TRUE(log.records.empty());
    EXPECT_EQ(log.other_output, "myapp: import time: 3.2s total\n");
}

TEST(ImportTimeParser, FlagsARecordCachedInOnlyOneField) {
    ImportTimeLog log = parse_importtime("import time:    cached |        120 |   a\n");
    ASSERT_EQ(log.records.size(), 1u);
    EXPECT_FALSE(log.records[0].cached);
    ASSERT_EQ(log.diagnostics.size(), 1u);
    EXPECT_TRUE(mentions(log.diagnostics[0].message, "cached")) << log.diagnostics[0].message;
}

TEST(ImportTimeParser, AcceptsModuleNamesWithDashes) {
    // A real module on Debian: loaded by file name, so not an identifier.
    ImportTimeLog log =
        parse_importtime("import time:       301 |        301 |     _sysconfigdata__x86_64-linux-gnu\n");
    ASSERT_EQ(log.records.size(), 1u);
    EXPECT_EQ(log.records[0].name, "_sysconfigdata__x86_64-linux-gnu");
    EXPECT_TRUE(log.diagnostics.empty());
}

}  // namespace lmms::capture

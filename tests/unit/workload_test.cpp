// Workload files: JSON Lines events with their kinds, and command lines.

#include <gtest/gtest.h>

#include "capture/workload.hpp"

namespace lmms::capture {

namespace {

std::vector<std::string> kinds(const std::vector<Event>& events) {
    std::vector<std::string> result;
    for (const Event& event : events)
        result.push_back(event.kind);
    return result;
}

}  // namespace

TEST(Workload, EventsSkipBlankLinesAndKeepTheirLineNumbers) {
    auto events = parse_events("{\"a\": 1}\n\n   \n{\"a\": 2}\r\n", "events.jsonl", "");
    ASSERT_TRUE(events) << events.error().message;
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ((*events)[0].line, 1u);
    EXPECT_EQ((*events)[1].line, 4u);
}

TEST(Workload, KindIsTheKeyFieldOrTheShape) {
    std::string text =
        "{\"detail-type\": \"ping\", \"detail\": {\"x\": 1}}\n"
        "{\"detail-type\": 7}\n"
        "{\"Records\": [{\"s3\": {}, \"eventName\": \"Put\"}]}\n"
        "{\"requestContext\": {\"routeKey\": \"broadcast\"}}\n"
        "[1, 2]\n";
    EXPECT_EQ(
        kinds(*parse_events(text, "e", "detail-type")),
        (std::vector<std::string>{"ping", "7", "(no detail-type)", "(no detail-type)", "(no detail-type)"}));
    EXPECT_EQ(kinds(*parse_events(text, "e", "requestContext.routeKey"))[3], "broadcast");
    EXPECT_EQ(kinds(*parse_events(text, "e", "Records.0.eventName"))[2], "Put");
    EXPECT_EQ(kinds(*parse_events(text, "e", "")),
              (std::vector<std::string>{"{detail: {x}, detail-type}", "{detail-type}",
                                        "{Records: [{eventName, s3}]}", "{requestContext: {routeKey}}",
                                        "[number]"}));
}

TEST(Workload, InvalidJsonNamesFileAndLine) {
    auto events = parse_events("{\"a\": 1}\n{\"a\": \n", "events.jsonl", "");
    ASSERT_FALSE(events);
    EXPECT_EQ(events.error().location, "events.jsonl:2");
    EXPECT_TRUE(events.error().message.starts_with("invalid JSON: ")) << events.error().message;
    EXPECT_FALSE(parse_events("\n\n", "events.jsonl", ""));
}

TEST(Workload, WordsSplitLikeAShell) {
    EXPECT_EQ(*split_words(R"(a  'b c' "d \"e\" \n" f\ g "")"),
              (std::vector<std::string>{"a", "b c", "d \"e\" \\n", "f g", ""}));
    EXPECT_EQ(*split_words("x'y'z"), (std::vector<std::string>{"xyz"}));
    EXPECT_FALSE(split_words("'open"));
    EXPECT_FALSE(split_words("\"open"));
    EXPECT_FALSE(split_words("end\\"));
}

TEST(Workload, CommandsAreModuleOrScriptRuns) {
    auto commands =
        parse_commands("# header\n-m tool sub --flag\n\npython3 tool.py --verbose report 'a b'\n", "cmds");
    ASSERT_TRUE(commands) << commands.error().message;
    ASSERT_EQ(commands->size(), 2u);
    EXPECT_EQ((*commands)[0].line, 2u);
    EXPECT_EQ((*commands)[0].args, (std::vector<std::string>{"-m", "tool", "sub", "--flag"}));
    EXPECT_EQ((*commands)[0].kind, "tool sub");
    EXPECT_EQ((*commands)[1].args, (std::vector<std::string>{"tool.py", "--verbose", "report", "a b"}));
    EXPECT_EQ((*commands)[1].kind, "tool.py report");
    auto bad = parse_commands("-m tool\nls -l\n", "cmds");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().location, "cmds:2");
    EXPECT_EQ(parse_commands("-m\n", "cmds").error().message, "`-m` needs a module name");
    EXPECT_EQ(parse_commands("-m 'x\n", "cmds").error().message, "unterminated single quote");
}

}  // namespace lmms::capture

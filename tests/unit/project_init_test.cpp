#include "scaffold/project_init.hpp"

#include <gtest/gtest.h>

#include "config/config.hpp"

namespace lmms::scaffold {

namespace {

InitSection section_for(std::string entry, std::string fast_path, std::vector<std::string> src = {"."}) {
    InitSection section;
    section.entry = std::move(entry);
    section.src = std::move(src);
    section.fast_path = std::move(fast_path);
    return section;
}

const InitSection k_section = section_for("app.handler:handler", "app/fast_path.py");

constexpr std::string_view k_pyproject = R"(# The project's own comments stay.
[project]
name = "demo"  # trailing comment
dependencies = [
    "requests>=2",  # kept as written
]

[tool.ruff]
line-length = 100
select = ["E", "F"]

[tool.black]
line-length = 100
)";

config::Config parse(const std::string& text) {
    auto config = config::parse_config(text, "pyproject.toml", config::ConfigFormat::pyproject);
    EXPECT_TRUE(config) << config.error().location << ": " << config.error().message;
    return config ? *config : config::Config{};
}

}  // namespace

TEST(ProjectInit, AppendKeepsEveryByteOfCommentsAndOtherTools) {
    std::string section = lmms_section(k_section);
    std::string result = append_section(k_pyproject, section);
    EXPECT_EQ(result, std::string(k_pyproject) + "\n" + section);
    config::Config config = parse(result);
    EXPECT_EQ(config.entry, "app.handler:handler");
    EXPECT_EQ(config.src, std::vector<std::string>{"."});
    EXPECT_EQ(config.fast_path, "app/fast_path.py");
    EXPECT_EQ(config.thresholds.fast_ms, 10);
    EXPECT_EQ(config.thresholds.heavy_ms, 100);
    EXPECT_EQ(config.thresholds.hot_usage, 80);
}

TEST(ProjectInit, AppendEndsALastLineWithoutNewline) {
    std::string result = append_section("[tool.black]\nline-length = 100", "[tool.lmms]\n");
    EXPECT_EQ(result, "[tool.black]\nline-length = 100\n\n[tool.lmms]\n");
}

TEST(ProjectInit, AppendAddsNoSecondBlankLine) {
    EXPECT_EQ(append_section("a = 1\n\n", "[tool.lmms]\n"), "a = 1\n\n[tool.lmms]\n");
    EXPECT_EQ(append_section("a = 1\r\n\r\n", "[tool.lmms]\n"), "a = 1\r\n\r\n[tool.lmms]\r\n");
}

TEST(ProjectInit, AppendToAnEmptyFileIsTheSection) {
    EXPECT_EQ(append_section("", "[tool.lmms]\nsrc = [\".\"]\n"), "[tool.lmms]\nsrc = [\".\"]\n");
}

TEST(ProjectInit, AppendKeepsCrlfLineEndings) {
    std::string pyproject = "# comment\r\n[tool.ruff]\r\nline-length = 100\r\n";
    std::string result = append_section(pyproject, lmms_section(k_section));
    ASSERT_TRUE(result.starts_with(pyproject + "\r\n[tool.lmms]\r\nentry = "));
    for (size_t at = result.find('\n'); at != std::string::npos; at = result.find('\n', at + 1))
        EXPECT_EQ(result[at - 1], '\r') << "bare LF at byte " << at;
    EXPECT_EQ(parse(result).fast_path, "app/fast_path.py");
}

TEST(ProjectInit, FindsAnExistingLmmsTableInEveryForm) {
    EXPECT_TRUE(*has_lmms_table("[tool.lmms]\nentry = \"a\"\n", "pyproject.toml"));
    EXPECT_TRUE(*has_lmms_table("[tool.lmms.thresholds]\nfast-ms = 5\n", "pyproject.toml"));
    EXPECT_TRUE(*has_lmms_table("[tool]\nlmms = { entry = \"a\" }\n", "pyproject.toml"));
    EXPECT_TRUE(*has_lmms_table("tool.lmms.entry = \"a\"\n", "pyproject.toml"));
    EXPECT_FALSE(*has_lmms_table(k_pyproject, "pyproject.toml"));
    EXPECT_FALSE(*has_lmms_table("[tool.lmms-extra]\n# [tool.lmms]\n", "pyproject.toml"));
    EXPECT_FALSE(*has_lmms_table("", "pyproject.toml"));
    EXPECT_FALSE(*has_lmms_table("[project]\ntool = 4\n", "pyproject.toml"));
}

TEST(ProjectInit, InvalidTomlNamesTheLine) {
    auto result = has_lmms_table("[project]\nname = \"demo\n", "pyproject.toml");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().location, "pyproject.toml:2");
    EXPECT_TRUE(result.error().message.starts_with("invalid TOML: ")) << result.error().message;
}

TEST(ProjectInit, AToolKeyThatIsNotATableIsAnError) {
    auto result = has_lmms_table("# top level\ntool = 3\n\n[project]\ntool = 4\n", "pyproject.toml");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().location, "pyproject.toml:2");
    EXPECT_EQ(result.error().message, "`tool` is not a table, so [tool.lmms] cannot be added");
}

TEST(ProjectInit, SectionWithoutEntryLeavesItCommentedOut) {
    std::string section = lmms_section(section_for("", "fast_path.py"));
    EXPECT_TRUE(section.starts_with("[tool.lmms]\n# entry = \"package.module:handler\"\nsrc = [\".\"]\n"))
        << section;
    config::Config config = parse(section);
    EXPECT_FALSE(config.entry);
    EXPECT_EQ(config.fast_path, "fast_path.py");
}

TEST(ProjectInit, SectionWritesTheDefaultsEveryCommandUses) {
    config::Config config = parse(lmms_section(section_for("app:main", "fast_path.py")));
    EXPECT_EQ(config.traffic.requests_per_day, config::Traffic{}.requests_per_day);
    EXPECT_EQ(config.traffic.cold_start_rate, config::Traffic{}.cold_start_rate);
    EXPECT_EQ(config.thresholds.fast_ms, config::Thresholds{}.fast_ms);
    EXPECT_EQ(config.thresholds.heavy_ms, config::Thresholds{}.heavy_ms);
}

TEST(ProjectInit, SectionWritesTheProjectsInterpreterAndSuggestsAnyOther) {
    InitSection section = section_for("app:main", "fast_path.py");
    section.python = ".venv/bin/python";
    EXPECT_EQ(parse(lmms_section(section)).python, ".venv/bin/python");
    section.python = "/usr/bin/python3";
    section.python_unconfirmed = "found as the first python3 on PATH";
    std::string text = lmms_section(section);
    EXPECT_FALSE(parse(text).python);
    EXPECT_NE(text.find("# python = \"/usr/bin/python3\"  # found as the first python3 on PATH"),
              std::string::npos)
        << text;
}

TEST(ProjectInit, SectionQuotesStrings) {
    config::Config config =
        parse(lmms_section(section_for("tools/run \"it\".py", "src/fast_path.py", {"src", "lib\\x"})));
    EXPECT_EQ(config.entry, "tools/run \"it\".py");
    EXPECT_EQ(config.src, (std::vector<std::string>{"src", "lib\\x"}));
}

TEST(ProjectInit, SkeletonIsExactlyTheFormatFastpathReadsBack) {
    EXPECT_EQ(fast_path_skeleton(config::Thresholds{}, "2025-01-02"),
              R"("""Fast path: the only module-level imports of the entry's cold start.

ONLY modules meeting these criteria belong here (LMMS-DEC-04, LMMS-03):
- import time < 10 ms (Tier 1), OR
- used on > 80% of invocations (Tier 2: hot path; > 100 ms is a documented exception)

Last profiled: never (run `lmms profile`, `lmms usage`, then `lmms fastpath`)
Target: fast path imports < 200 ms, fewer than 20 imports

REVIEW REQUIRED for any change to this file!
"""

# Tier 1: Lightweight (<10ms)

# Tier 2: Hot path exceptions (>10ms but >80% usage)

__all__ = []

# HISTORY:
# 2025-01-02: Created by lmms init
)");
}

TEST(ProjectInit, SkeletonTakesTheConfiguredThresholds) {
    std::string skeleton = fast_path_skeleton({5, 50.5, 90}, "2025-01-02");
    EXPECT_NE(skeleton.find("- import time < 5 ms (Tier 1), OR\n"), std::string::npos);
    EXPECT_NE(skeleton.find("used on > 90% of invocations (Tier 2: hot path; > 50.5 ms is"),
              std::string::npos);
    EXPECT_NE(skeleton.find("# Tier 2: Hot path exceptions (>5ms but >90% usage)\n"), std::string::npos);
}

TEST(ProjectInit, TestFileHasEditableConstantsAndNeedsOnlyTheStdlib) {
    std::string text = fast_path_test({"app.fast_path", {".", "src"}, 200, 20, 5});
    for (std::string_view line : {"FAST_PATH_MODULE = \"app.fast_path\"\n", "BUDGET_MS = 200  #",
                                  "IMPORT_LIMIT = 20  #", "RUNS = 5  #", "SRC_ROOTS = [\".\", \"src\"]  #",
                                  "class FastPathTest(unittest.TestCase):", "time.perf_counter()",
                                  "[sys.executable, \"-c\", MEASURE, FAST_PATH_MODULE]"})
        EXPECT_NE(text.find(line), std::string::npos) << line;
    EXPECT_EQ(text.find("pytest\n"), std::string::npos);
    EXPECT_EQ(text.find("import pytest"), std::string::npos);
    for (std::string_view placeholder : {"@MODULE@", "@BUDGET@", "@LIMIT@", "@RUNS@", "@SRC@"})
        EXPECT_EQ(text.find(placeholder), std::string::npos) << placeholder;
}

TEST(ProjectInit, FastPathGoesBesideTheEntryModule) {
    EXPECT_EQ(fast_path_beside("app/handler.py"), "app/fast_path.py");
    EXPECT_EQ(fast_path_beside("app/handler/__init__.py"), "app/handler/fast_path.py");
    EXPECT_EQ(fast_path_beside("handler.py"), "fast_path.py");
}

TEST(ProjectInit, FastPathModuleIsRelativeToTheDeepestSourceRoot) {
    EXPECT_EQ(*fast_path_module("app/fast_path.py", {"."}), "app.fast_path");
    EXPECT_EQ(*fast_path_module("fast_path.py", {"."}), "fast_path");
    // The same rule as python::module_for_path: a package's __init__ is the package.
    EXPECT_EQ(*fast_path_module("src/app/fast/__init__.py", {".", "src"}), "app.fast");
    EXPECT_EQ(*fast_path_module("src/app/fast_path.py", {"src"}), "app.fast_path");
    EXPECT_EQ(*fast_path_module("src/app/fast_path.py", {".", "./src/"}), "app.fast_path");
    EXPECT_EQ(*fast_path_module("./app/../lib/fast_path.py", {"."}), "lib.fast_path");
}

TEST(ProjectInit, FastPathModuleMustBeImportable) {
    EXPECT_FALSE(fast_path_module("fast_path.py", {"src"}));
    EXPECT_FALSE(fast_path_module("srcx/fast_path.py", {"src"}));
    EXPECT_FALSE(fast_path_module("app/fast-path.py", {"."}));
    EXPECT_FALSE(fast_path_module("my app/fast_path.py", {"."}));
    EXPECT_FALSE(fast_path_module("../fast_path.py", {"."}));
    EXPECT_FALSE(fast_path_module("app/fast_path.txt", {"."}));
    EXPECT_EQ(fast_path_module("fast_path.py", {"src"}).error().message,
              "the fast path `fast_path.py` is not under a source root (src = [\"src\"])");
}

}  // namespace lmms::scaffold

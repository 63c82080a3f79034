#include "config/config.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace lmms::config {

TEST(Config, ReadsTheToolLmmsTableOfPyproject) {
    auto config = parse_config(R"(
[project]
name = "x"

[tool.lmms]
entry = "app.handler:handler"
python = "/usr/bin/python3"
src = ["src", "lib"]
runs = 5
timeout = 2.5
)",
                               "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->entry, "app.handler:handler");
    EXPECT_EQ(config->python, "/usr/bin/python3");
    EXPECT_EQ(config->src, (std::vector<std::string>{"src", "lib"}));
    EXPECT_EQ(config->runs, 5);
    EXPECT_DOUBLE_EQ(*config->timeout_seconds, 2.5);
}

TEST(Config, WorkloadKeysAreHyphenatedLikeTheFlags) {
    auto config =
        parse_config("events = \"events.jsonl\"\nkind-key = \"detail-type\"\ncommands = \"c.txt\"\n",
                     "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->events, "events.jsonl");
    EXPECT_EQ(config->kind_key, "detail-type");
    EXPECT_EQ(config->commands, "c.txt");
}

TEST(Config, IncludeAndExcludeAreGlobLists) {
    auto config = parse_config("include = [\"app\"]\nextend-exclude = \"app/generated\"\n", "lmms.toml",
                               ConfigFormat::lmms_toml);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->include, std::vector<std::string>{"app"});
    std::vector<std::string> expected = default_exclude();
    expected.push_back("app/generated");
    EXPECT_EQ(excluded_patterns(*config), expected);

    auto replaced = parse_config("exclude = []\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_TRUE(replaced) << replaced.error().message;
    EXPECT_TRUE(excluded_patterns(*replaced).empty());

    auto bad = parse_config("\nexclude = 3\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().location, "lmms.toml:2");
}

TEST(Config, ThresholdsTrafficAndFastPath) {
    auto config = parse_config(R"([tool.lmms]
fast-path = "app/fast_path.py"

[tool.lmms.thresholds]
fast-ms = 5
heavy-ms = 50.5
hot-usage = 90

[tool.lmms.traffic]
requests-per-day = 250000
cold-start-rate = 0.02
)",
                               "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->fast_path, "app/fast_path.py");
    EXPECT_DOUBLE_EQ(config->thresholds.fast_ms, 5);
    EXPECT_DOUBLE_EQ(config->thresholds.heavy_ms, 50.5);
    EXPECT_DOUBLE_EQ(config->thresholds.hot_usage, 90);
    EXPECT_DOUBLE_EQ(config->traffic.requests_per_day, 250000);
    EXPECT_DOUBLE_EQ(config->traffic.cold_start_rate, 0.02);
    EXPECT_TRUE(config->traffic.configured);
}

TEST(Config, ThresholdsDefaultToTheTierTable) {
    auto config = parse_config("entry = \"m:f\"\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_TRUE(config);
    EXPECT_DOUBLE_EQ(config->thresholds.fast_ms, 10);
    EXPECT_DOUBLE_EQ(config->thresholds.heavy_ms, 100);
    EXPECT_DOUBLE_EQ(config->thresholds.hot_usage, 80);
    EXPECT_FALSE(config->traffic.configured);
}

TEST(Config, BadThresholdsNameTheKeyAndLine) {
    auto typo =
        parse_config("[thresholds]\nfast-ms = 10\nhot_usage = 80\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_FALSE(typo);
    EXPECT_EQ(typo.error().location, "lmms.toml:3");
    EXPECT_NE(typo.error().message.find("did you mean `hot-usage`"), std::string::npos);
    auto rate = parse_config("[traffic]\ncold-start-rate = 1.5\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_FALSE(rate);
    EXPECT_EQ(rate.error().location, "lmms.toml:2");
    auto order =
        parse_config("[thresholds]\nfast-ms = 50\nheavy-ms = 20\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_FALSE(order);
    auto percent = parse_config("[thresholds]\nhot-usage = 180\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_FALSE(percent);
}

TEST(Config, TargetsAndToleranceForCompare) {
    auto config = parse_config(R"([tool.lmms]
tolerance = 5

[tool.lmms.targets]
cold-start-ms = 1500
cold-start-excellent-ms = 800
fast-path-excellent-ms = 50
improvement = 30
)",
                               "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_DOUBLE_EQ(*config->tolerance, 5);
    EXPECT_DOUBLE_EQ(config->targets.cold_start_ms, 1500);
    EXPECT_DOUBLE_EQ(config->targets.cold_start_excellent_ms, 800);
    EXPECT_DOUBLE_EQ(config->targets.fast_path_ms, 200);
    EXPECT_DOUBLE_EQ(config->targets.fast_path_excellent_ms, 50);
    EXPECT_DOUBLE_EQ(config->targets.module_imports, 10);
    EXPECT_DOUBLE_EQ(config->targets.module_imports_excellent, 5);
    EXPECT_DOUBLE_EQ(config->targets.improvement, 30);
    EXPECT_DOUBLE_EQ(config->targets.improvement_excellent, 60);
}

TEST(Config, BadTargetsNameTheKeyAndLine) {
    auto typo = parse_config("[targets]\ncold-start = 3000\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_FALSE(typo);
    EXPECT_EQ(typo.error().location, "lmms.toml:2");
    EXPECT_NE(typo.error().message.find("did you mean `cold-start-ms`"), std::string::npos);
    auto looser = parse_config("[targets]\ncold-start-ms = 1000\ncold-start-excellent-ms = 2000\n",
                               "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_FALSE(looser);
    EXPECT_EQ(looser.error().location, "lmms.toml:3");
    EXPECT_NE(looser.error().message.find("`cold-start-excellent-ms` (2000) must be at most `cold-start-ms`"),
              std::string::npos);
    // One bound alone: the other's default follows it.
    auto alone = parse_config("[targets]\ncold-start-ms = 1000\nimprovement = 70\n", "lmms.toml",
                              ConfigFormat::lmms_toml);
    ASSERT_TRUE(alone) << alone.error().message;
    EXPECT_DOUBLE_EQ(alone->targets.cold_start_excellent_ms, 1000);
    EXPECT_DOUBLE_EQ(alone->targets.improvement_excellent, 70);
    auto zero = parse_config("tolerance = 0\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_TRUE(zero);
    EXPECT_DOUBLE_EQ(*zero->tolerance, 0);
    auto percent = parse_config("[targets]\nimprovement = 140\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_FALSE(percent);
    EXPECT_EQ(percent.error().location, "lmms.toml:2");
    auto tolerance = parse_config("tolerance = -1\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_FALSE(tolerance);
    EXPECT_EQ(tolerance.error().location, "lmms.toml:1");
}

TEST(Config, PyprojectWithoutTheTableIsEmpty) {
    auto config = parse_config("[tool.ruff]\nline-length = 100\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_TRUE(config);
    EXPECT_FALSE(config->entry);
}

TEST(Config, LmmsTomlKeysAreAtTheTopLevel) {
    auto config = parse_config("entry = \"cli\"\nsrc = \"src\"\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_TRUE(config);
    EXPECT_EQ(config->entry, "cli");
    EXPECT_EQ(config->src, std::vector<std::string>{"src"});
}

TEST(Config, UnknownKeyNamesFileLineAndSuggestion) {
    auto config =
        parse_config("[tool.lmms]\nentry = \"a\"\nrnus = 3\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().location, "pyproject.toml:3");
    EXPECT_EQ(config.error().message, "unknown key `rnus` in the LMMS configuration; did you mean `runs`?");
}

TEST(Config, WrongTypesAreErrorsWithTheirLine) {
    auto runs = parse_config("[tool.lmms]\nruns = \"ten\"\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(runs);
    EXPECT_EQ(runs.error().location, "pyproject.toml:2");
    auto zero = parse_config("[tool.lmms]\nruns = 0\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(zero);
    auto src = parse_config("[tool.lmms]\nsrc = [1]\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(src);
    EXPECT_EQ(src.error().message, "`src` must be a string");
}

TEST(Config, ToolLmmsOfTheWrongTypeIsAnError) {
    auto number = parse_config("[tool]\nruff = 1\nlmms = 5\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(number);
    EXPECT_EQ(number.error().location, "pyproject.toml:3");
    EXPECT_EQ(number.error().message, "`lmms` in [tool] must be a table ([tool.lmms])");
    auto tool = parse_config("tool = \"lmms\"\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(tool);
    EXPECT_EQ(tool.error().location, "pyproject.toml:1");
    auto array = parse_config("[[tool.lmms]]\nentry = \"a\"\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(array);
    EXPECT_EQ(array.error().location, "pyproject.toml:1");
}

TEST(Config, SubTablesOfTheWrongTypeNameTheirLine) {
    auto thresholds = parse_config("[tool.lmms]\nentry = \"a\"\nthresholds = 5\n", "pyproject.toml",
                                   ConfigFormat::pyproject);
    ASSERT_FALSE(thresholds);
    EXPECT_EQ(thresholds.error().location, "pyproject.toml:3");
    EXPECT_EQ(thresholds.error().message, "`thresholds` must be a table ([tool.lmms.thresholds])");
    auto tables = parse_config("[tool.lmms]\nentry = \"a\"\n[[tool.lmms.traffic]]\ncold-start-rate = 0.5\n",
                               "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(tables);
    EXPECT_EQ(tables.error().location, "pyproject.toml:3");
    auto entry =
        parse_config("[tool.lmms.entry]\nmodule = \"a\"\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(entry);
    EXPECT_EQ(entry.error().location, "pyproject.toml:1");
    EXPECT_EQ(entry.error().message, "`entry` must be a string");
}

TEST(Config, SrcKeepsItsLine) {
    auto config = parse_config("[tool.lmms]\nentry = \"a\"\nsrc = [\"lib\"]\n", "pyproject.toml",
                               ConfigFormat::pyproject);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->src_line, 3);
    auto none = parse_config("[tool.lmms]\nentry = \"a\"\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_TRUE(none);
    EXPECT_EQ(none->src_line, 0);
}

TEST(Config, FastPathToleranceDefaultsAndKeys) {
    auto defaults = parse_config("[tool.lmms]\nentry = \"a\"\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_TRUE(defaults);
    EXPECT_DOUBLE_EQ(defaults->fast_path_tolerance.percent, 20);
    EXPECT_DOUBLE_EQ(defaults->fast_path_tolerance.ms, 2);
    auto config = parse_config("[tool.lmms]\nfast-path-tolerance = 50\nfast-path-tolerance-ms = 0.5\n",
                               "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_DOUBLE_EQ(config->fast_path_tolerance.percent, 50);
    EXPECT_DOUBLE_EQ(config->fast_path_tolerance.ms, 0.5);
    auto bad = parse_config("[tool.lmms]\nfast-path-tolerance-ms = \"2\"\n", "pyproject.toml",
                            ConfigFormat::pyproject);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().location, "pyproject.toml:2");
    EXPECT_EQ(bad.error().message, "`fast-path-tolerance-ms` must be a number from 0 to 1000 (milliseconds)");
}

TEST(Config, InvalidTomlReportsTheLine) {
    auto config =
        parse_config("[tool.lmms]\nentry = \"unterminated\n", "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().location, "pyproject.toml:2");
    EXPECT_TRUE(config.error().message.starts_with("invalid TOML"));
}

TEST(Config, ProjectRootIsTheNearestDirectoryWithConfiguration) {
    testing::TempDir dir;
    dir.write("pyproject.toml", "[tool.lmms]\nentry = \"a\"\n");
    dir.write("pkg/sub/x.py", "");
    EXPECT_EQ(find_project_root(dir.path() / "pkg" / "sub"), dir.path());
}

TEST(Config, LoadPrefersLmmsToml) {
    testing::TempDir dir;
    dir.write("pyproject.toml", "[tool.lmms]\nentry = \"from_pyproject\"\n");
    dir.write("lmms.toml", "entry = \"from_lmms_toml\"\n");
    auto config = load_config(dir.path());
    ASSERT_TRUE(config);
    EXPECT_EQ(config->entry, "from_lmms_toml");
    EXPECT_EQ(config->file, "lmms.toml");
}

TEST(Config, AnnotationConsumersAreDottedNames) {
    auto config = parse_config("[tool.lmms]\nannotation-consumers = [\"mylib.Model\", \"*.route\"]\n",
                               "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->annotation_consumers, (std::vector<std::string>{"mylib.Model", "*.route"}));
}

TEST(Config, BadAnnotationConsumerNamesFileAndLine) {
    auto bad = parse_config("[tool.lmms]\nannotation-consumers = [\n  \"ok.Name\",\n  \"not a name\",\n]\n",
                            "pyproject.toml", ConfigFormat::pyproject);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().location, "pyproject.toml:4");
    EXPECT_EQ(
        bad.error().message,
        "`annotation-consumers`: \"not a name\" is not a dotted name like \"mylib.Model\" or \"*.route\"");
    auto string =
        parse_config("annotation-consumers = \"mylib.Model\"\n", "lmms.toml", ConfigFormat::lmms_toml);
    ASSERT_FALSE(string);
    EXPECT_EQ(string.error().message, "`annotation-consumers` must be a list of strings");
    EXPECT_EQ(string.error().location, "lmms.toml:1");
}

}  // namespace lmms::config

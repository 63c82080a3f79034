// The join of traced lines with the scanner's references, on made-up
// captures whose counts are known by construction.

#include <gtest/gtest.h>

#include "python/project_files.hpp"

#include "capture/usage_builder.hpp"

namespace lmms::capture {

namespace {

LineKey key(size_t file, uint32_t line) {
    return static_cast<LineKey>(file) << k_line_bits | line;
}

/// One project file, traced as file 0, and the invocations' lines of it.
struct OneFile {
    python::FileFacts facts;
    UsageCapture capture;
    UsageInputs inputs;

    OneFile(const char* source, const std::vector<std::vector<uint32_t>>& ran,
            const std::vector<uint32_t>& import_lines = {})
        : facts(python::scan_source(source)) {
        capture.files = {"/proj/app/main.py"};
        for (size_t i = 0; i < ran.size(); ++i) {
            InvocationCapture invocation;
            invocation.number = static_cast<uint32_t>(i + 1);
            for (uint32_t line : ran[i])
                invocation.lines.push_back(key(0, line));
            std::sort(invocation.lines.begin(), invocation.lines.end());
            capture.invocations.push_back(std::move(invocation));
        }
        for (uint32_t line : import_lines)
            capture.import_lines.push_back(key(0, line));
        std::sort(capture.import_lines.begin(), capture.import_lines.end());
        inputs.workload = "events";
        inputs.capture = &capture;
        inputs.files.push_back(ProjectFile{"app/main.py", "app.main", &facts, 0});
        for (size_t i = 0; i < ran.size(); ++i)
            inputs.events.push_back(Event{static_cast<uint32_t>(i + 1), "kind"});
    }

    model::Usage build() const { return build_usage(inputs); }
};

const model::SiteUsage& site(const model::Usage& usage, uint32_t line, const std::string& module = "") {
    for (const model::SiteUsage& row : usage.sites)
        if (row.line == line && (module.empty() || row.module == module))
            return row;
    ADD_FAILURE() << "no site at line " << line << " " << module;
    static const model::SiteUsage none;
    return none;
}

}  // namespace

TEST(UsageBuilder, NameUsedInABranchCountsOnlyTheInvocationsThatTookIt) {
    OneFile project(
        "import json\n"
        "import csv\n"
        "def handler(event, context):\n"
        "    if event['kind'] == 'report':\n"
        "        return csv.writer\n"
        "    return json.dumps(event)\n",
        {{3, 4, 6}, {3, 4, 5}, {3, 4, 6}, {3, 4, 6}});
    model::Usage usage = project.build();
    ASSERT_EQ(usage.sites.size(), 2u);
    EXPECT_EQ(site(usage, 1).used, 3u);
    EXPECT_EQ(site(usage, 2).used, 1u);
    EXPECT_FALSE(site(usage, 2).import_time_line);
}

TEST(UsageBuilder, ANameShadowedByAParameterIsNotAUse) {
    OneFile project(
        "import decimal\n"
        "def parse(decimal):\n"
        "    return decimal + 1\n"
        "def money(text):\n"
        "    return decimal.Decimal(text)\n",
        {{2, 3}, {2, 3}, {4, 5}});
    EXPECT_EQ(site(project.build(), 1).used, 1u);
}

TEST(UsageBuilder, UseWhileTheModuleImportsIsFlaggedWithItsLine) {
    OneFile project(
        "import functools\n"
        "import json\n"
        "@functools.lru_cache\n"
        "def cached():\n"
        "    return json.dumps({})\n",
        {{5}, {5}}, {1, 2, 3, 4});
    model::Usage usage = project.build();
    EXPECT_EQ(site(usage, 1).used, 0u);
    EXPECT_EQ(site(usage, 1).import_time_line, 3u);
    EXPECT_EQ(site(usage, 2).used, 2u);
    EXPECT_FALSE(site(usage, 2).import_time_line);
}

TEST(UsageBuilder, ImportTimeUseInsideAFunctionNamesTheFunction) {
    OneFile project(
        "import time\n"
        "import json\n"
        "class Config:\n"
        "    DEFAULTS = [json.dumps(i) for i in range(2)]\n"
        "def stamp():\n"
        "    return time.monotonic()\n"
        "STARTED = stamp()\n",
        {{}}, {1, 2, 3, 4, 5, 6, 7});
    model::Usage usage = project.build();
    EXPECT_EQ(site(usage, 1).import_time_line, 6u);
    EXPECT_EQ(site(usage, 1).import_time_function, "stamp");
    // A class body and a comprehension run with the module: no function to move it into.
    EXPECT_EQ(site(usage, 2).import_time_line, 4u);
    EXPECT_EQ(site(usage, 2).import_time_function, "");
}

TEST(UsageBuilder, ImportOfSeveralModulesGivesARowEach) {
    OneFile project(
        "import os.path, sys as system\n"
        "def where():\n"
        "    return os.path.join('a')\n",
        {{3}, {2}});
    model::Usage usage = project.build();
    ASSERT_EQ(usage.sites.size(), 2u);
    EXPECT_EQ(site(usage, 1, "os.path").names, std::vector<std::string>{"os"});
    EXPECT_EQ(site(usage, 1, "os.path").used, 1u);
    EXPECT_EQ(site(usage, 1, "os.path").library, "os");
    EXPECT_EQ(site(usage, 1, "sys").names, std::vector<std::string>{"system"});
    EXPECT_EQ(site(usage, 1, "sys").used, 0u);
}

TEST(UsageBuilder, EachNameOfAFromImportHasItsOwnCount) {
    OneFile project(
        "from . import reports, storage\n"
        "def handler(event):\n"
        "    if event:\n"
        "        return reports.build()\n"
        "    return storage.put()\n",
        {{4}, {5}, {5}, {5}});
    model::Usage usage = project.build();
    const model::SiteUsage& row = site(usage, 1);
    EXPECT_EQ(row.module, "app");
    EXPECT_EQ(row.names, (std::vector<std::string>{"reports", "storage"}));
    EXPECT_EQ(row.name_used, (std::vector<size_t>{1, 3}));
    EXPECT_EQ(row.used, 4u);
}

TEST(UsageBuilder, AFileThatNeverRanUsesNothing) {
    OneFile project("import json\nx = json.dumps(1)\n", {{2}, {2}});
    project.inputs.files[0].traced.reset();
    model::Usage usage = project.build();
    EXPECT_EQ(site(usage, 1).used, 0u);
    EXPECT_FALSE(site(usage, 1).import_time_line);
}

TEST(UsageBuilder, ALibraryIsUsedWhenAnyOfItsSitesIs) {
    OneFile project(
        "import xml.dom\n"
        "import xml.sax\n"
        "import app.util\n"
        "def a():\n    return xml.dom\n"
        "def b():\n    return xml.sax\n"
        "def c():\n    return app.util\n",
        {{5}, {7}, {5, 7}, {9}});
    model::Usage usage = project.build();
    // `import xml.dom` and `import xml.sax` both bind `xml`: either line uses both.
    EXPECT_EQ(site(usage, 1).used, 3u);
    ASSERT_EQ(usage.libraries.size(), 2u);
    EXPECT_EQ(usage.libraries[0].name, "xml");
    EXPECT_EQ(usage.libraries[0].used, 3u);
    EXPECT_EQ(usage.libraries[0].sites, 2u);
    EXPECT_FALSE(usage.libraries[0].project);
    EXPECT_EQ(usage.libraries[1].name, "app");
    EXPECT_TRUE(usage.libraries[1].project);
    EXPECT_EQ(usage.libraries[1].used, 1u);
}

TEST(UsageBuilder, KindsHaveFirstAndWarmLatencyAndTheirErrors) {
    OneFile project("x = 1\n", {{}, {}, {}, {}, {}});
    project.inputs.events = {{1, "order"}, {2, "report"}, {3, "order"}, {4, "order"}, {5, "report"}};
    const int64_t ms = 1'000'000;
    int64_t latencies[] = {30 * ms, 8 * ms, 2 * ms, 4 * ms, 6 * ms};
    for (size_t i = 0; i < 5; ++i)
        project.capture.invocations[i].latency_ns = latencies[i];
    project.capture.invocations[2].error_type = "KeyError";
    project.capture.invocations[2].error_message = "'id'";
    project.capture.invocations[3].error_type = "KeyError";
    project.capture.invocations[3].error_message = "'id'";
    model::Usage usage = project.build();
    ASSERT_EQ(usage.kinds.size(), 2u);
    const model::KindUsage& order = usage.kinds[0];
    EXPECT_EQ(order.kind, "order");
    EXPECT_EQ(order.count, 3u);
    EXPECT_DOUBLE_EQ(order.first_ms, 30.0);
    EXPECT_DOUBLE_EQ(*order.warm_median_ms, 3.0);
    EXPECT_EQ(order.failed, 2u);
    ASSERT_EQ(order.errors.size(), 1u);
    EXPECT_EQ(order.errors[0].type, "KeyError");
    EXPECT_EQ(order.errors[0].count, 2u);
    const model::KindUsage& report = usage.kinds[1];
    EXPECT_DOUBLE_EQ(report.first_ms, 8.0);
    EXPECT_DOUBLE_EQ(*report.warm_median_ms, 6.0);
    EXPECT_EQ(report.failed, 0u);
    EXPECT_EQ(usage.invocations[2].kind, "order");
    EXPECT_EQ(usage.invocations[2].error_type, "KeyError");
}

TEST(UsageBuilder, ModulesOfPathsAndRelativeImports) {
    EXPECT_EQ(python::module_for_path("src/pkg/sub/mod.py", {"src"}), "pkg.sub.mod");
    EXPECT_EQ(python::module_for_path("pkg/__init__.py", {"."}), "pkg");
    EXPECT_EQ(python::module_for_path("tools/run.py", {"src"}), "");
    // The most specific root names the file, whatever their order; roots are normalized.
    EXPECT_EQ(python::module_for_path("src/pkg/a.py", {".", "src"}), "pkg.a");
    EXPECT_EQ(python::module_for_path("src/pkg/a.py", {"src", "."}), "pkg.a");
    EXPECT_EQ(python::module_for_path("src/pkg/a.py", {"./src/"}), "pkg.a");
    EXPECT_EQ(python::module_for_path("src/pkg/__init__.py", {"./src"}), "pkg");
    EXPECT_EQ(python::module_for_path("README.md", {"."}), "");
    EXPECT_EQ(python::absolute_module("pkg.sub.mod", false, 1, "util"), "pkg.sub.util");
    EXPECT_EQ(python::absolute_module("pkg.sub", true, 1, "util"), "pkg.sub.util");
    EXPECT_EQ(python::absolute_module("pkg.sub.mod", false, 2, ""), "pkg");
    EXPECT_EQ(python::absolute_module("pkg.mod", false, 0, "json"), "json");
}

}  // namespace lmms::capture

namespace lmms::capture {

// The entry does `from app.fast_path import *`: the fast path's imports are
// used where the entry uses their names, and `re` at the entry's import time.
TEST(UsageBuilder, NamesReachedThroughAStarImportAreUsesOfTheImportThatBindsThem) {
    python::FileFacts fast_path = python::scan_source(
        "import json\n"
        "import re\n"
        "import _private\n"
        "__all__ = ['json', 're']\n");
    python::FileFacts entry = python::scan_source(
        "from app.fast_path import *\n"
        "PATTERN = re.compile('x')\n"
        "def handler(event, context):\n"
        "    if event:\n"
        "        return json.dumps(event)\n"
        "    return _private\n");
    UsageCapture capture;
    capture.files = {"/proj/app/fast_path.py", "/proj/app/main.py"};
    for (uint32_t n = 1; n <= 4; ++n) {
        InvocationCapture invocation;
        invocation.number = n;
        invocation.lines = {key(1, 3), key(1, 4), key(1, n <= 3 ? 5u : 6u)};
        capture.invocations.push_back(std::move(invocation));
    }
    capture.import_lines = {key(0, 1), key(0, 2), key(0, 3), key(0, 4), key(1, 1), key(1, 2), key(1, 3)};
    UsageInputs inputs;
    inputs.workload = "events";
    inputs.capture = &capture;
    inputs.files = {ProjectFile{"app/fast_path.py", "app.fast_path", &fast_path, 0},
                    ProjectFile{"app/main.py", "app.main", &entry, 1}};
    for (uint32_t n = 1; n <= 4; ++n)
        inputs.events.push_back(Event{n, "kind"});
    model::Usage usage = build_usage(inputs);
    const model::SiteUsage& json = site(usage, 1, "json");
    EXPECT_EQ(json.used, 3u);
    EXPECT_EQ(json.used_in, (std::vector<uint32_t>{1, 2, 3}));
    const model::SiteUsage& re = site(usage, 2, "re");
    EXPECT_EQ(re.import_time_line, 2u);
    EXPECT_EQ(re.import_time_file, "app/main.py");
    // Not in __all__: `from app.fast_path import *` does not bring it.
    EXPECT_EQ(site(usage, 3, "_private").used, 0u);
}

}  // namespace lmms::capture

namespace lmms::capture {

TEST(UsageBuilder, ANameReadOnlyWhileImportingIsUsedByNoInvocation) {
    // A command runs in a fresh process: its lines include the module body's.
    OneFile project(
        "import plotlib\n"
        "import orm\n"
        "plotlib.use('Agg')\n"
        "class Row(orm.Base):\n"
        "    id = orm.Column()\n"
        "def main():\n"
        "    return orm.query()\n",
        {{1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6, 7}}, {1, 2, 3, 4, 5, 6});
    model::Usage usage = project.build();
    const model::SiteUsage& plotlib = site(usage, 1);
    EXPECT_EQ(plotlib.used, 0u);
    EXPECT_TRUE(plotlib.used_in.empty());
    ASSERT_EQ(plotlib.import_time_uses.size(), 1u);
    EXPECT_EQ(plotlib.import_time_uses[0].line, 3u);
    EXPECT_EQ(plotlib.import_time_uses[0].kind, model::ImportTimeKind::configuring_call);
    EXPECT_EQ(plotlib.import_time_uses[0].file, "app/main.py");
    EXPECT_EQ(plotlib.import_time_line, 3u);
    const model::SiteUsage& orm = site(usage, 2);
    EXPECT_EQ(orm.used, 1u);  // only the invocation that called main()
    ASSERT_EQ(orm.import_time_uses.size(), 2u);
    EXPECT_EQ(orm.import_time_uses[0].kind, model::ImportTimeKind::base_class);
    EXPECT_EQ(orm.import_time_uses[1].kind, model::ImportTimeKind::class_body);
    EXPECT_EQ(orm.import_time_line, 4u);
}

TEST(UsageBuilder, ImportTimeUsesInFunctionsComeAfterModuleLevelOnes) {
    OneFile project(
        "import json\n"
        "def dump():\n"
        "    return json.dumps(1)\n"
        "TEXT = dump()\n"
        "BLOB = json.dumps(2)\n",
        {{}}, {1, 2, 3, 4, 5});
    model::Usage usage = project.build();
    const model::SiteUsage& json = site(usage, 1);
    ASSERT_EQ(json.import_time_uses.size(), 2u);
    EXPECT_EQ(json.import_time_uses[0].line, 5u);
    EXPECT_EQ(json.import_time_uses[0].kind, model::ImportTimeKind::module_object);
    EXPECT_EQ(json.import_time_uses[1].line, 3u);
    EXPECT_EQ(json.import_time_uses[1].function, "dump");
    EXPECT_EQ(json.import_time_uses[1].kind, model::ImportTimeKind::call);
    EXPECT_EQ(json.import_time_function, "");
}

}  // namespace lmms::capture

namespace lmms::capture {

namespace {

/// A package `pkg` whose `__init__` re-exports `Database` (file 0) and one
/// more file (file 1, `pkg/cli.py` unless named), both traced.
struct ReExport {
    python::FileFacts init, other;
    UsageCapture capture;
    UsageInputs inputs;

    /// `ran`: per invocation, the lines of file 1 that ran; `import_lines`: file 1's
    /// lines that ran while importing (file 0's body always does).
    ReExport(const char* init_source, const char* other_source, const std::vector<std::vector<uint32_t>>& ran,
             const std::vector<uint32_t>& import_lines)
        : init(python::scan_source(init_source)), other(python::scan_source(other_source)) {
        capture.files = {"/proj/pkg/__init__.py", "/proj/pkg/cli.py"};
        for (size_t i = 0; i < ran.size(); ++i) {
            InvocationCapture invocation;
            invocation.number = static_cast<uint32_t>(i + 1);
            for (uint32_t line : ran[i])
                invocation.lines.push_back(key(1, line));
            std::sort(invocation.lines.begin(), invocation.lines.end());
            capture.invocations.push_back(std::move(invocation));
            inputs.events.push_back(Event{static_cast<uint32_t>(i + 1), "kind"});
        }
        for (uint32_t line = 1; line <= init.line_count; ++line)
            capture.import_lines.push_back(key(0, line));
        for (uint32_t line : import_lines)
            capture.import_lines.push_back(key(1, line));
        std::sort(capture.import_lines.begin(), capture.import_lines.end());
        inputs.workload = "events";
        inputs.capture = &capture;
        inputs.files = {ProjectFile{"pkg/__init__.py", "pkg", &init, 0},
                        ProjectFile{"pkg/cli.py", "pkg.cli", &other, 1}};
    }

    model::SiteUsage site(uint32_t line) const {
        model::Usage usage = build_usage(inputs);
        for (const model::SiteUsage& row : usage.sites)
            if (row.file == "pkg/__init__.py" && row.line == line)
                return row;
        ADD_FAILURE() << "no site at pkg/__init__.py:" << line;
        return {};
    }
};

}  // namespace

TEST(UsageBuilder, AnAttributeReadInAnotherFilesFunctionUsesTheReExport) {
    ReExport project("from .db import Database\nfrom .db import Cache\n",
                     "import pkg\n"
                     "def create():\n"
                     "    return pkg.Database()\n"
                     "def other():\n"
                     "    return 1\n",
                     {{2, 3}, {4, 5}, {2, 3}}, {1, 2, 4});
    model::SiteUsage database = project.site(1);
    EXPECT_EQ(database.used, 2u);
    EXPECT_EQ(database.used_in, (std::vector<uint32_t>{1, 3}));
    EXPECT_EQ(database.name_used, std::vector<size_t>{2});
    EXPECT_TRUE(database.import_time_uses.empty());
    EXPECT_EQ(project.site(2).used, 0u);  // nobody reads pkg.Cache
}

TEST(UsageBuilder, AFunctionLevelFromImportElsewhereUsesTheReExportWhenItRuns) {
    ReExport project("from .db import Database\n",
                     "def create():\n"
                     "    from pkg import Database\n"
                     "    return Database()\n",
                     {{1, 2, 3}, {}, {1, 2, 3}, {}}, {1});
    model::SiteUsage database = project.site(1);
    EXPECT_EQ(database.used, 2u);
    EXPECT_EQ(database.used_in, (std::vector<uint32_t>{1, 3}));
    EXPECT_TRUE(database.import_time_uses.empty());
}

TEST(UsageBuilder, ARelativeFromImportInASiblingReadsThePackagesBinding) {
    ReExport project("from .db import Database\n",
                     "def create():\n"
                     "    from . import Database\n"
                     "    return Database()\n",
                     {{}, {1, 2, 3}}, {1});
    EXPECT_EQ(project.site(1).used_in, std::vector<uint32_t>{2});
}

TEST(UsageBuilder, AGetattrWithALiteralElsewhereUsesTheReExport) {
    ReExport project("from .db import Database\n",
                     "import pkg\n"
                     "def create():\n"
                     "    return getattr(pkg, 'Database')()\n",
                     {{3}, {}}, {1, 2});
    EXPECT_EQ(project.site(1).used_in, std::vector<uint32_t>{1});
}

TEST(UsageBuilder, AModuleLevelFromImportElsewhereIsAnImportTimeUseOnly) {
    ReExport project("from .db import Database\n",
                     "from pkg import Database\n"
                     "def make():\n"
                     "    return Database()\n",
                     {{3}, {3}}, {1, 2});
    model::SiteUsage database = project.site(1);
    EXPECT_EQ(database.used, 0u);
    EXPECT_TRUE(database.used_in.empty());
    ASSERT_EQ(database.import_time_uses.size(), 1u);
    const model::ImportTimeUse& use = database.import_time_uses[0];
    EXPECT_EQ(use.file, "pkg/cli.py");
    EXPECT_EQ(use.line, 1u);
    EXPECT_EQ(use.function, "");
    EXPECT_EQ(use.kind, model::ImportTimeKind::from_import);
    EXPECT_EQ(use.name, "Database");
    EXPECT_EQ(database.import_time_line, 1u);
    EXPECT_EQ(database.import_time_file, "pkg/cli.py");
}

TEST(UsageBuilder, ModuleLevelAttributeReadsElsewhereAreClassifiedAfterTheOwnFilesUses) {
    ReExport project("from .db import Database\n\nDEFAULT = Database()\n",
                     "import pkg\n"
                     "pkg.Database.configure()\n"
                     "class Row(pkg.Database):\n"
                     "    pass\n",
                     {{}}, {1, 2, 3, 4});
    model::SiteUsage database = project.site(1);
    ASSERT_EQ(database.import_time_uses.size(), 3u);
    EXPECT_EQ(database.import_time_uses[0].file, "pkg/__init__.py");
    EXPECT_EQ(database.import_time_uses[0].kind, model::ImportTimeKind::module_object);
    EXPECT_EQ(database.import_time_uses[1].file, "pkg/cli.py");
    EXPECT_EQ(database.import_time_uses[1].line, 2u);
    EXPECT_EQ(database.import_time_uses[1].kind, model::ImportTimeKind::configuring_call);
    EXPECT_EQ(database.import_time_uses[2].line, 3u);
    EXPECT_EQ(database.import_time_uses[2].kind, model::ImportTimeKind::base_class);
    EXPECT_EQ(database.import_time_line, 3u);
    EXPECT_EQ(database.import_time_file, "");
}

}  // namespace lmms::capture

#include "capture/profile_builder.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "profile_fixture.hpp"

namespace lmms::capture {

using namespace lmms::testing;

namespace {

const model::Module& module_named(const model::Profile& profile, const std::string& name) {
    auto it = std::find_if(profile.modules.begin(), profile.modules.end(),
                           [&](const model::Module& module) { return module.name == name; });
    EXPECT_NE(it, profile.modules.end()) << name;
    return *it;
}

const model::ImportGroup& group_of(const model::Profile& profile, const std::string& importer,
                                   const std::string& package) {
    auto it =
        std::find_if(profile.groups.begin(), profile.groups.end(), [&](const model::ImportGroup& group) {
            return profile.at(group.importer).name == importer && group.package == package;
        });
    EXPECT_NE(it, profile.groups.end()) << importer << " " << package;
    return *it;
}

}  // namespace

TEST(ProfileBuilder, KeepsOnlyTheEntrysImports) {
    model::Profile profile = build_profile(captures_of(k_log), k_layout);
    EXPECT_EQ(profile.modules.size(), 7u);  // `site` belongs to interpreter start-up
    EXPECT_TRUE(module_named(profile, "app.a").is_project);
    EXPECT_EQ(module_named(profile, "app.a").file, "app/a.py");
    EXPECT_FALSE(module_named(profile, "heavy").is_project);
}

TEST(ProfileBuilder, ColdStartPartsAddUp) {
    model::Profile profile = build_profile(captures_of(k_log), k_layout);
    const model::ColdStart& cold = profile.cold_start;
    EXPECT_DOUBLE_EQ(cold.total.median, 10'000);
    EXPECT_DOUBLE_EQ(cold.interpreter_start_us, 2'000);
    EXPECT_DOUBLE_EQ(cold.imports_us, 4'500);  // heavy.core + heavy + light
    EXPECT_DOUBLE_EQ(cold.init_us, 1'050);     // project module code + handler lookup (100)
    EXPECT_DOUBLE_EQ(cold.interpreter_start_us + cold.imports_us + cold.init_us + cold.other_us,
                     cold.total.median);
    EXPECT_EQ(profile.runs[0].modules_imported, 7);
    EXPECT_EQ(profile.runs[0].startup_us, 1'000);
}

TEST(ProfileBuilder, SharedDependencyIsRetainedByNeitherImporter) {
    model::Profile profile = build_profile(captures_of(k_log), k_layout);
    EXPECT_DOUBLE_EQ(group_of(profile, "app.a", "heavy").retained_us, 0);
    EXPECT_DOUBLE_EQ(group_of(profile, "app.b", "light").retained_us, 500);
    EXPECT_EQ(group_of(profile, "app.b", "light").retained_modules, 1);
    // `app` stays: app.handler is its submodule.
    EXPECT_DOUBLE_EQ(group_of(profile, "app.handler", "app").retained_us, 5'000);
    EXPECT_EQ(group_of(profile, "app.handler", "app").retained_modules, 5);
    EXPECT_DOUBLE_EQ(module_named(profile, "heavy").retained_us, 4'000);
    EXPECT_EQ(module_named(profile, "heavy").retained_modules, 2);
}

TEST(ProfileBuilder, StatementsOfOneModuleAndLibraryFormOneGroup) {
    model::Profile profile = build_profile(captures_of(k_log), k_layout);
    const model::ImportGroup& group = group_of(profile, "app.handler", "app");
    ASSERT_EQ(group.sites.size(), 2u);
    EXPECT_EQ(profile.at(group.sites[0]).file, "app/handler.py");
    EXPECT_EQ(profile.at(group.sites[0]).line, 1u);
    EXPECT_EQ(profile.at(group.sites[1]).line, 2u);
}

TEST(ProfileBuilder, HeavyChainIsAttributedToTheProjectStatementThatStartedIt) {
    model::Profile profile = build_profile(captures_of(k_log), k_layout);
    const model::Module& core = module_named(profile, "heavy.core");
    ASSERT_TRUE(core.first_project_importer);
    EXPECT_EQ(profile.at(*core.first_project_importer).name, "app.a");
    ASSERT_TRUE(core.first_project_site);
    EXPECT_EQ(profile.at(*core.first_project_site).file, "app/a.py");
    EXPECT_EQ(profile.at(*core.first_project_site).line, 1u);
    EXPECT_EQ(module_named(profile, "app.handler").pulled_in, 6);
}

TEST(ProfileBuilder, SelfTimesAddUpToTheEntrysCumulativeTime) {
    model::Profile profile = build_profile(captures_of(k_log), k_layout);
    double self = 0;
    for (const model::Module& module : profile.modules)
        self += module.self.median;
    EXPECT_DOUBLE_EQ(self, module_named(profile, "app.handler").cumulative.median);
}

TEST(ProfileBuilder, RetryOfAFailedImportIsSummedOnce) {
    const char* log = R"(import time:        20 |         20 |   optional_dep
import time:        30 |         30 |   optional_dep
import time:       100 |        150 | app.handler
)";
    model::Profile profile = build_profile(captures_of(log), k_layout);
    const model::Module& dep = module_named(profile, "optional_dep");
    EXPECT_DOUBLE_EQ(dep.self.median, 50);
    EXPECT_EQ(dep.self_samples.size(), 3u);
    EXPECT_EQ(profile.at(*dep.first_importer).name, "app.handler");
}

TEST(ProfileBuilder, AnImportListedButNotInSysModulesFailed) {
    // `try: import msvcrt except ImportError`: importtime lists it; the warm-up's sys.modules has not it.
    const char* log = R"(import time:        20 |         20 |   msvcrt
import time:       500 |        500 |   light
import time:       100 |        620 | app.handler
)";
    model::Profile profile = build_profile(captures_of(log), k_layout);
    EXPECT_TRUE(module_named(profile, "msvcrt").failed);
    EXPECT_FALSE(module_named(profile, "light").failed);
    EXPECT_FALSE(module_named(profile, "app.handler").failed);
    EXPECT_EQ(profile.runs[0].modules_imported, 2);  // app.handler and light; not msvcrt
    const model::Module& handler = module_named(profile, "app.handler");
    EXPECT_EQ(handler.retained_modules, 2);      // itself and light
    EXPECT_DOUBLE_EQ(handler.retained_us, 620);  // the failed search took its time all the same
    EXPECT_DOUBLE_EQ(profile.cold_start.imports_us, 520);
}

TEST(ProfileBuilder, WithoutTheWarmUpsModuleListNoImportIsCalledFailed) {
    Captures captures = captures_of(k_log);
    captures.warmup.report.modules.clear();
    model::Profile profile = build_profile(captures, k_layout);
    EXPECT_TRUE(std::none_of(profile.modules.begin(), profile.modules.end(),
                             [](const model::Module& module) { return module.failed; }));
}

TEST(ProfileBuilder, ImportHooksAndCompileCostComeFromTheWarmUp) {
    Captures captures = captures_of(k_log);
    captures.warmup.report.finders = {{"plugins.Loader", 3, 40'000'000, "app.b", 39'000'000},
                                      {"aaa.Finder", 1, 5'000, "app", 5'000}};
    captures.warmup.report.compiles = {{"app.a", "/proj/app/a.py", 2'000'000},
                                       {"heavy", "/lib/heavy/__init__.py", 6'000'000}};
    model::Profile profile = build_profile(captures, k_layout);
    ASSERT_EQ(profile.import_hooks.size(), 2u);
    EXPECT_EQ(profile.import_hooks[0].finder, "aaa.Finder");  // by name
    EXPECT_EQ(profile.import_hooks[1].finder, "plugins.Loader");
    EXPECT_EQ(profile.import_hooks[1].calls, 3);
    EXPECT_DOUBLE_EQ(profile.import_hooks[1].us, 40'000);
    EXPECT_EQ(profile.import_hooks[1].slowest_module, "app.b");
    EXPECT_DOUBLE_EQ(profile.import_hooks[1].slowest_us, 39'000);
    ASSERT_TRUE(profile.compile);
    EXPECT_EQ(profile.compile->modules, 2);
    EXPECT_DOUBLE_EQ(profile.compile->us, 8'000);
    EXPECT_EQ(profile.compile->project_modules, 1);
    EXPECT_DOUBLE_EQ(profile.compile->project_us, 2'000);
    EXPECT_FALSE(build_profile(captures_of(k_log), k_layout).compile);
}

TEST(ProfileBuilder, OuterRecordOfASubmoduleImportIsCollapsed) {
    // `import pkg.sub`: pkg's __init__ imports pkg.sub itself, inside the outer pkg.sub record.
    const char* log = R"(import time:       100 |        100 |       pkg.sub
import time:       200 |        300 |     pkg
import time:         5 |        305 |   pkg.sub
import time:        10 |        315 | app.handler
)";
    model::Profile profile = build_profile(captures_of(log), k_layout);
    const model::Module& sub = module_named(profile, "pkg.sub");
    const model::Module& pkg = module_named(profile, "pkg");
    EXPECT_DOUBLE_EQ(sub.self.median, 105);
    EXPECT_EQ(profile.at(*sub.first_importer).name, "pkg");
    EXPECT_EQ(profile.at(*pkg.first_importer).name, "app.handler");  // not pkg.sub: no cycle
    EXPECT_EQ(module_named(profile, "app.handler").pulled_in, 2);
}

TEST(ProfileBuilder, ModulesMissingFromSomeRunsAreNoted) {
    Captures captures = captures_of(k_log);
    captures.runs[1] = timed_run(R"(import time:       400 |        400 | app.handler
)",
                                 10'000'000);
    model::Profile profile = build_profile(captures, k_layout);
    ASSERT_FALSE(profile.diagnostics.empty());
    EXPECT_EQ(profile.diagnostics[0], "6 modules were imported in only some of the runs");
}

TEST(ProfileBuilder, ProjectFilesExcludeVirtualEnvironments) {
    EXPECT_TRUE(is_project_file("/proj/app/a.py", k_layout));
    EXPECT_FALSE(is_project_file("/proj/.venv/lib/python3.11/site-packages/x.py", k_layout));
    EXPECT_FALSE(is_project_file("/proj/vendor/site-packages/x.py", k_layout));
    EXPECT_FALSE(is_project_file("/usr/lib/python3/dist-packages/x.py", k_layout));
    EXPECT_FALSE(is_project_file("", k_layout));
}

}  // namespace lmms::capture

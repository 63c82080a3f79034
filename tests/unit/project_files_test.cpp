#include "python/project_files.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

#include "base/process.hpp"
#include "test_support.hpp"

namespace lmms::python {

namespace fs = std::filesystem;

TEST(ProjectFiles, AProjectInAFolderItsRepositoryIgnoresIsWalked) {
    if (!fs::exists("/usr/bin/git"))
        GTEST_SKIP() << "no /usr/bin/git";
    testing::TempDir dir;
    fs::path repo = dir.path();
    ASSERT_EQ(std::system(("/usr/bin/git init -q " + repo.string()).c_str()), 0);
    dir.write(".gitignore", "build/\n");
    dir.write("build/demo/app/main.py", "import json\n");
    base::PosixProcessRunner runner;
    fs::path project = repo / "build" / "demo";
    auto files = project_files(project, {project}, runner);
    ASSERT_TRUE(files) << files.error().message;
    EXPECT_EQ(*files, std::vector<std::string>{"app/main.py"});
}

TEST(ProjectFiles, TestsDocsAndExamplesAreLeftOutByDefault) {
    testing::TempDir dir;
    dir.write("app/main.py", "import json\n");
    dir.write("app/tests/test_main.py", "import app.main\n");
    dir.write("tests/conftest.py", "");
    dir.write("docs/conf.py", "");
    dir.write("examples/demo.py", "");
    base::PosixProcessRunner runner;
    FileScope scope{{}, {"tests", "docs", "examples"}};
    auto files = project_files(dir.path(), {dir.path()}, runner, scope);
    ASSERT_TRUE(files) << files.error().message;
    EXPECT_EQ(*files, std::vector<std::string>{"app/main.py"});
}

TEST(ProjectFiles, IncludeKeepsOnlyWhatItNames) {
    testing::TempDir dir;
    dir.write("app/main.py", "");
    dir.write("tools/release.py", "");
    base::PosixProcessRunner runner;
    auto files = project_files(dir.path(), {dir.path()}, runner, FileScope{{"app"}, {}});
    ASSERT_TRUE(files) << files.error().message;
    EXPECT_EQ(*files, std::vector<std::string>{"app/main.py"});
}

TEST(InScope, ANameIsMatchedBelowTheSourceRootAPathFromTheProject) {
    FileScope scope{{}, {"build", "pkg/legacy"}};
    EXPECT_TRUE(in_scope("build/pkg/app.py", "build/pkg", scope));
    EXPECT_FALSE(in_scope("build/pkg/build/gen.py", "build/pkg", scope));
    EXPECT_FALSE(in_scope("pkg/legacy/old.py", ".", scope));
    EXPECT_TRUE(in_scope("src/pkg/legacy/old.py", "src", scope));
}

}  // namespace lmms::python

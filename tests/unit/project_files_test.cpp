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

}  // namespace lmms::python

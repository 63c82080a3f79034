// What the history records of git: the commit, and changes outside .lmms/.

#include "base/git.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace lmms::base {

namespace {

void git(PosixProcessRunner& runner, const std::filesystem::path& dir, std::vector<std::string> args) {
    std::vector<std::string> argv{
        "/usr/bin/git", "-C", dir.string(), "-c", "user.name=t", "-c", "user.email=t@example.invalid"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto result = runner.run({argv, dir, std::chrono::seconds(30), false});
    ASSERT_TRUE(result && result->exit_code == 0) << (result ? result->stderr_text : result.error().message);
}

}  // namespace

TEST(Git, TheCommitAndWhetherTheProjectChangedLmmsOwnFilesAside) {
    if (!std::filesystem::exists("/usr/bin/git"))
        GTEST_SKIP() << "no /usr/bin/git";
    testing::TempDir dir;
    PosixProcessRunner runner;
    EXPECT_FALSE(git_state(dir.path(), runner));  // not a work tree
    dir.write("app.py", "import json\n");
    dir.write(".lmms/baseline.json", "{}\n");
    git(runner, dir.path(), {"init", "-q"});
    EXPECT_FALSE(git_state(dir.path(), runner));  // no commit yet
    git(runner, dir.path(), {"add", "."});
    git(runner, dir.path(), {"commit", "-q", "-m", "first"});
    auto clean = git_state(dir.path(), runner);
    ASSERT_TRUE(clean);
    EXPECT_EQ(clean->commit.size(), 40u);
    EXPECT_FALSE(clean->dirty);
    dir.write(".lmms/baseline.json", "{\"runs\": []}\n");  // lmms's own write
    dir.write("notes.txt", "untracked\n");
    EXPECT_FALSE(git_state(dir.path(), runner)->dirty);
    dir.write("app.py", "import json\nimport pandas\n");
    EXPECT_TRUE(git_state(dir.path(), runner)->dirty);
}

}  // namespace lmms::base

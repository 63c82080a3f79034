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

namespace {

/// Answers every command as a git that cannot read the repository.
class FailingGit final : public ProcessRunner {
public:
    Expected<ProcessResult> run(const SpawnRequest&) override {
        ProcessResult result;
        result.exit_code = 128;
        result.stderr_text = "fatal: detected dubious ownership in repository\n";
        return result;
    }
};

}  // namespace

// The repository's root is above the project; paths come back relative to the project.
TEST(Git, UncommittedFilesOfTheOnesAskedModifiedStagedOrUntracked) {
    if (!std::filesystem::exists("/usr/bin/git"))
        GTEST_SKIP() << "no /usr/bin/git";
    testing::TempDir repo;
    PosixProcessRunner runner;
    auto project = repo.path() / "services" / "api";
    for (const char* file : {"app/clean.py", "app/modified.py", "app/staged.py", "app/[odd] name.py",
                             "app/deleted.py", ".lmms/profile.json", "../other.py"})
        repo.write("services/api/" + std::string(file), "old\n");
    git(runner, repo.path(), {"init", "-q"});
    git(runner, repo.path(), {"add", "."});
    git(runner, repo.path(), {"commit", "-q", "-m", "first"});
    repo.write("services/api/app/modified.py", "new\n");
    repo.write("services/api/app/staged.py", "new\n");
    git(runner, repo.path(), {"add", "services/api/app/staged.py"});
    repo.write("services/api/app/[odd] name.py", "new\n");
    repo.write("services/api/app/untracked.py", "new\n");
    std::filesystem::remove(project / "app" / "deleted.py");
    repo.write("services/api/.lmms/profile.json", "new\n");
    repo.write("services/other.py", "new\n");
    repo.write("services/api/app/not_asked.py", "new\n");
    auto dirty =
        uncommitted_files(project,
                          {"app/clean.py", "app/modified.py", "app/staged.py", "app/[odd] name.py",
                           "app/untracked.py", "app/deleted.py", ".lmms/profile.json", "app/[odd].py"},
                          runner);
    ASSERT_TRUE(dirty) << dirty.error().message << "\n" << dirty.error().detail;
    EXPECT_EQ(*dirty, (std::vector<std::string>{"app/[odd] name.py", "app/deleted.py", "app/modified.py",
                                                "app/staged.py", "app/untracked.py"}));
    auto top = git_work_tree(project, runner);
    ASSERT_TRUE(top);
    EXPECT_EQ(std::filesystem::canonical(*top), std::filesystem::canonical(repo.path()));
    EXPECT_TRUE(uncommitted_files(project, {}, runner)->empty());
}

TEST(Git, OutsideAWorkTreeNothingIsUncommitted) {
    if (!std::filesystem::exists("/usr/bin/git"))
        GTEST_SKIP() << "no /usr/bin/git";
    testing::TempDir dir;
    dir.write("app.py", "import json\n");
    PosixProcessRunner runner;
    auto dirty = uncommitted_files(dir.path(), {"app.py"}, runner);
    ASSERT_TRUE(dirty) << dirty.error().message;
    EXPECT_TRUE(dirty->empty());
    EXPECT_FALSE(git_work_tree(dir.path(), runner));
}

TEST(Git, AWorkTreeGitCannotReadIsAnErrorNotACleanTree) {
    if (!std::filesystem::exists("/usr/bin/git"))
        GTEST_SKIP() << "no /usr/bin/git";
    testing::TempDir dir;
    std::filesystem::create_directory(dir.path() / ".git");
    FailingGit runner;
    auto dirty = uncommitted_files(dir.path(), {"app.py"}, runner);
    ASSERT_FALSE(dirty);
    EXPECT_EQ(dirty.error().message, "git cannot read the work tree: it exited with code 128");
    EXPECT_EQ(dirty.error().detail, "fatal: detected dubious ownership in repository");
    EXPECT_FALSE(git_work_tree(dir.path(), runner));
}

}  // namespace lmms::base

#include "base/files.hpp"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include <gtest/gtest.h>

#include "base/stop_signal.hpp"
#include "test_support.hpp"

namespace lmms::base {

namespace {

size_t entries(const std::filesystem::path& dir) {
    return static_cast<size_t>(std::distance(std::filesystem::recursive_directory_iterator(dir), {}));
}

mode_t mode_of(const std::filesystem::path& file) {
    struct stat info {};
    ::stat(file.c_str(), &info);
    return info.st_mode & 07777;
}

/// Fails the transaction at step `failing`, after that step was done.
WriteStepHook fail_at(int failing) {
    return [failing](int step) -> Expected<void> {
        if (step == failing)
            return make_error("injected failure");
        return {};
    };
}

}  // namespace

TEST(Files, AtomicWriteReplacesTheFile) {
    testing::TempDir dir;
    auto file = dir.write("out.json", "old");
    ASSERT_TRUE(write_file_atomic(file, "new"));
    EXPECT_EQ(*read_file(file), "new");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(Files, FailedAtomicWriteLeavesNothingBehind) {
    testing::TempDir dir;
    auto result = write_file_atomic(dir.path() / "missing" / "out.json", "x");
    ASSERT_FALSE(result);
    EXPECT_NE(result.error().message.find("cannot write file"), std::string::npos);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 0);
}

TEST(Files, TargetThatIsADirectoryIsLeftAlone) {
    testing::TempDir dir;
    std::filesystem::create_directory(dir.path() / "out.json");
    ASSERT_FALSE(write_file_atomic(dir.path() / "out.json", "x"));
    EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "out.json"));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(FilesTransaction, WritesEveryFileCreatingAndDeleting) {
    testing::TempDir dir;
    auto a = dir.write("a.py", "old a");
    auto gone = dir.write("gone.py", "bye");
    ASSERT_TRUE(write_files_transaction({{a, "new a", false},
                                         {dir.path() / "pkg" / "sub" / "b.py", "new b", true},
                                         {gone, std::nullopt, false}}));
    EXPECT_EQ(*read_file(a), "new a");
    EXPECT_EQ(*read_file(dir.path() / "pkg" / "sub" / "b.py"), "new b");
    EXPECT_FALSE(std::filesystem::exists(gone));
    EXPECT_EQ(entries(dir.path()), 4u);  // a.py, pkg, pkg/sub, pkg/sub/b.py: no temporary left
}

TEST(FilesTransaction, KeepsTheModeOfAReplacedFile) {
    testing::TempDir dir;
    auto script = dir.write("run.py", "old");
    ::chmod(script.c_str(), 0751);
    ASSERT_TRUE(write_files_transaction({{script, "new", false}}));
    EXPECT_EQ(mode_of(script), 0751u);
}

TEST(FilesTransaction, WritesThroughASymlink) {
    testing::TempDir dir;
    auto real = dir.write("real.py", "old");
    std::filesystem::create_symlink(real, dir.path() / "link.py");
    ASSERT_TRUE(write_files_transaction({{dir.path() / "link.py", "new", false}}));
    EXPECT_TRUE(std::filesystem::is_symlink(dir.path() / "link.py"));
    EXPECT_EQ(*read_file(real), "new");
}

TEST(FilesTransaction, AFailedRenameRestoresEveryFileAsItWas) {
    testing::TempDir dir;
    auto a = dir.write("a.py", "old a");
    auto b = dir.write("b.py", "old b");
    ::chmod(b.c_str(), 0700);
    std::vector<FileWrite> writes{{a, "new a", false},
                                  {b, "new b", false},
                                  {dir.path() / "new" / "c.py", "new c", true},
                                  {dir.path() / "d.py", "new d", false}};
    // Steps 1-4 write the temporaries, 5-8 rename; fail after each of them in turn.
    for (int failing = 1; failing <= 8; ++failing) {
        auto result = write_files_transaction(writes, fail_at(failing));
        ASSERT_FALSE(result) << failing;
        EXPECT_EQ(*read_file(a), "old a") << failing;
        EXPECT_EQ(*read_file(b), "old b") << failing;
        EXPECT_EQ(mode_of(b), 0700u) << failing;
        EXPECT_EQ(entries(dir.path()), 2u) << failing;  // no c.py, new/, d.py or temporary
    }
}

TEST(FilesTransaction, AFailedDeletionIsUndoneToo) {
    testing::TempDir dir;
    auto a = dir.write("a.py", "old a");
    auto gone = dir.write("gone.py", "still here");
    auto result = write_files_transaction({{gone, std::nullopt, false}, {a, "new a", false}}, fail_at(3));
    ASSERT_FALSE(result);
    EXPECT_EQ(*read_file(gone), "still here");
    EXPECT_EQ(*read_file(a), "old a");
}

TEST(FilesTransaction, AnUnwritableTargetNamesTheFileAndChangesNothing) {
    testing::TempDir dir;
    auto a = dir.write("a.py", "old a");
    auto missing = dir.path() / "missing" / "b.py";
    auto result = write_files_transaction({{a, "new a", false}, {missing, "b", false}});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().location, missing.string());
    EXPECT_NE(result.error().message.find("cannot write file"), std::string::npos);
    EXPECT_EQ(*read_file(a), "old a");
    EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(FilesTransaction, RefusesADirectoryAndAFileWrittenTwice) {
    testing::TempDir dir;
    std::filesystem::create_directory(dir.path() / "pkg");
    auto result = write_files_transaction({{dir.path() / "pkg", "x", false}});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message, "not a regular file");
    auto a = dir.write("a.py", "old");
    result = write_files_transaction({{a, "one", false}, {dir.path() / "." / "a.py", "two", false}});
    ASSERT_FALSE(result);
    EXPECT_EQ(*read_file(a), "old");
}

TEST(FilesTransaction, ACreatedDirectoryInTheWayOfAFileIsRemovedAgain) {
    testing::TempDir dir;
    dir.write("blocker", "a file where a directory should be");
    auto result = write_files_transaction(
        {{dir.path() / "made" / "x.py", "x", true}, {dir.path() / "blocker" / "y.py", "y", true}});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().location, (dir.path() / "blocker" / "y.py").string());
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "made"));
}

// A stop signal that arrives midway rolls back; after it nothing starts. In a
// child, so the signal stays there.
TEST(FilesTransaction, AStopSignalRollsBackAndThenRefusesToStart) {
    testing::TempDir dir;
    auto a = dir.write("a.py", "old a");
    auto b = dir.write("b.py", "old b");
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        install_stop_handlers();
        auto signal_at_first_rename = [](int step) -> Expected<void> {
            if (step == 3)
                ::raise(SIGTERM);
            return {};
        };
        auto midway =
            write_files_transaction({{a, "new a", false}, {b, "new b", false}}, signal_at_first_rename);
        auto after = write_files_transaction({{a, "new a", false}});
        bool right = !midway && midway.error().kind == ErrorKind::interrupted && !after &&
                     after.error().message == "interrupted by SIGTERM; every file was left as it was";
        ::_exit(right ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    EXPECT_EQ(*read_file(a), "old a");
    EXPECT_EQ(*read_file(b), "old b");
    EXPECT_EQ(entries(dir.path()), 2u);
}

// The crash-safety hook: killed after any step, each file is whole, old or new,
// and the files not yet renamed are all old.
TEST(FilesTransaction, KilledAtAnyStepEachFileIsWholeOldOrNew) {
    for (int kill_at = 1; kill_at <= 7; ++kill_at) {
        testing::TempDir dir;
        auto a = dir.write("a.py", std::string(100'000, 'a'));
        auto b = dir.write("b.py", "old b");
        auto c = dir.path() / "c.py";
        pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            ::setenv("LMMS_TEST_KILL_AT_WRITE_STEP", std::to_string(kill_at).c_str(), 1);
            auto written = write_files_transaction(
                {{a, std::string(100'000, 'A'), false}, {b, "new b", false}, {c, "new c", false}});
            ::_exit(written ? 0 : 1);
        }
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        int renamed = kill_at - 3;  // steps 1-3 write temporaries, 4-6 rename
        if (kill_at <= 6) {
            ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << kill_at;
        } else {
            ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << kill_at;
        }
        EXPECT_EQ(*read_file(a), std::string(100'000, renamed >= 1 ? 'A' : 'a')) << kill_at;
        EXPECT_EQ(*read_file(b), renamed >= 2 ? "new b" : "old b") << kill_at;
        EXPECT_EQ(std::filesystem::exists(c), renamed >= 3) << kill_at;
    }
}

TEST(Files, WritableDirectoryCheckRejectsAFileInTheWay) {
    testing::TempDir dir;
    dir.write(".lmms", "not a directory");
    auto result = ensure_writable_directory(dir.path() / ".lmms");
    ASSERT_FALSE(result);
    EXPECT_TRUE(ensure_writable_directory(dir.path() / "fresh" / ".lmms"));
}

TEST(Files, WritableDirectoryCheckCreatesNothing) {
    testing::TempDir dir;
    EXPECT_TRUE(check_writable_directory(dir.path() / "fresh" / ".lmms"));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 0);
    dir.write(".lmms", "not a directory");
    EXPECT_FALSE(check_writable_directory(dir.path() / ".lmms"));
    EXPECT_FALSE(check_writable_directory(dir.path() / ".lmms" / "deeper"));
}

TEST(Files, RelativeToUsesForwardSlashesUnderTheRoot) {
    EXPECT_EQ(relative_to("/a/b/c.py", "/a"), "b/c.py");
    EXPECT_EQ(relative_to("/x/c.py", "/a"), "/x/c.py");
}

TEST(Files, ReadMissingFileNamesIt) {
    auto result = read_file("/nonexistent/file");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().location, "/nonexistent/file");
}

}  // namespace lmms::base

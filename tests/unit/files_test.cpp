#include "base/files.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace lmms::base {

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

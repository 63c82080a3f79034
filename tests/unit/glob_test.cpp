#include "base/glob.hpp"

#include <gtest/gtest.h>

namespace lmms::base {
namespace {

TEST(GlobMatch, StarStaysInOneComponent) {
    EXPECT_TRUE(glob_match("*.py", "cli.py"));
    EXPECT_FALSE(glob_match("*.py", "pkg/cli.py"));
    EXPECT_TRUE(glob_match("pkg/*.py", "pkg/cli.py"));
    EXPECT_FALSE(glob_match("pkg/*.py", "pkg/sub/cli.py"));
    EXPECT_TRUE(glob_match("test_?.py", "test_a.py"));
    EXPECT_FALSE(glob_match("a?b", "a/b"));
}

TEST(GlobMatch, DoubleStarSpansFolders) {
    EXPECT_TRUE(glob_match("**/legacy/*.py", "src/pkg/legacy/old.py"));
    EXPECT_TRUE(glob_match("**/legacy/*.py", "legacy/old.py"));
    EXPECT_TRUE(glob_match("pkg/**", "pkg/a/b/c.py"));
    EXPECT_FALSE(glob_match("pkg/**/x.py", "other/x.py"));
}

TEST(PathMatches, ANameMatchesAnyFolderOrFile) {
    EXPECT_TRUE(path_matches("tests", "tests/test_cli.py"));
    EXPECT_TRUE(path_matches("tests/", "src/pkg/tests/test_cli.py"));
    EXPECT_TRUE(path_matches("*_test.py", "pkg/cli_test.py"));
    EXPECT_FALSE(path_matches("tests", "pkg/testsuite.py"));
    EXPECT_FALSE(path_matches("tests", "pkg/tests.py"));
    EXPECT_TRUE(path_matches(".venv", ".venv/lib/site.py"));
}

TEST(PathMatches, APatternWithASlashIsAnchored) {
    EXPECT_TRUE(path_matches("pkg/legacy", "pkg/legacy/old.py"));
    EXPECT_FALSE(path_matches("pkg/legacy", "src/pkg/legacy/old.py"));
    EXPECT_TRUE(path_matches("./pkg/legacy/", "pkg/legacy/old.py"));
    EXPECT_TRUE(path_matches("src/**/gen_*.py", "src/a/b/gen_table.py"));
}

}  // namespace
}  // namespace lmms::base

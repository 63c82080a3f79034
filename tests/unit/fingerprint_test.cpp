#include "base/fingerprint.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace lmms::base {

TEST(Fingerprint, IsFnv1a64InSixteenLowercaseHexDigits) {
    // The published FNV-1a 64-bit test vectors.
    EXPECT_EQ(fingerprint(""), "cbf29ce484222325");
    EXPECT_EQ(fingerprint("a"), "af63dc4c8601ec8c");
    EXPECT_EQ(fingerprint("foobar"), "85944171f73967e8");
    EXPECT_NE(fingerprint("import json\n"), fingerprint("import json\r\n"));
    EXPECT_EQ(fingerprint(std::string("\0\xff", 2)).size(), 16u);
}

TEST(Fingerprint, FilesInTheOrderGivenLeavingOutWhatCannotBeRead) {
    testing::TempDir dir;
    dir.write("app/main.py", "import json\n");
    dir.write("b.py", "");
    auto fingerprints = fingerprint_files(dir.path(), {"b.py", "missing.py", "app/main.py"});
    ASSERT_EQ(fingerprints.size(), 2u);
    EXPECT_EQ(fingerprints[0], (std::pair<std::string, std::string>{"b.py", "cbf29ce484222325"}));
    EXPECT_EQ(fingerprints[1].first, "app/main.py");
    EXPECT_EQ(fingerprints[1].second, fingerprint("import json\n"));
}

}  // namespace lmms::base

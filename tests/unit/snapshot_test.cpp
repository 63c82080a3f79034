// The snapshot lmms fix keeps: what LMMS wrote stays the reference only while
// it is still on disk; a file reverted (git checkout) or edited since is the
// user's again.

#include "fix/snapshot.hpp"

#include <gtest/gtest.h>

#include "base/fingerprint.hpp"
#include "test_support.hpp"

namespace lmms::fix {

namespace {

model::SnapshotFile written(const std::string& file, const std::string& after_text) {
    return {file, file, base::fingerprint(after_text)};
}

}  // namespace

TEST(Snapshot, AFileRevertedOrEditedSinceTheFixLeavesTheSnapshot) {
    testing::TempDir project;
    project.write("app/kept.py", "def f():\n    import json\n");
    project.write("app/reverted.py", "import json\n");
    project.write("app/edited.py", "def g():\n    import csv\n# by hand\n");
    Snapshot snapshot;
    snapshot.created = "2026-12-01T10:00:00Z";
    snapshot.files = {written("app/edited.py", "def g():\n    import csv\n"),
                      written("app/kept.py", "def f():\n    import json\n"),
                      written("app/reverted.py", "def h():\n    import json\n"),
                      {"app/fast_path.py", std::nullopt, base::fingerprint("import re\n")}};  // created, gone
    Snapshot current = current_part(project.path(), snapshot);
    ASSERT_EQ(current.files.size(), 1u);
    EXPECT_EQ(current.files[0].file, "app/kept.py");
    EXPECT_EQ(current.created, "2026-12-01T10:00:00Z");
}

TEST(Snapshot, NothingLeftStartsANewSnapshot) {
    testing::TempDir project;
    project.write("app/main.py", "import json\n");
    Snapshot snapshot;
    snapshot.created = "2026-12-01T10:00:00Z";
    snapshot.files = {written("app/main.py", "def f():\n    import json\n")};
    Snapshot current = current_part(project.path(), snapshot);
    EXPECT_TRUE(current.files.empty());
    EXPECT_TRUE(current.created.empty());
    // The next fix then keeps today's bytes as the file's before-version.
    ChangedFile changed;
    changed.path = "app/main.py";
    changed.before = "import json\n";
    changed.after = "def f():\n    import json\n";
    std::vector<base::FileWrite> writes =
        snapshot_writes(project.path(), current, {changed}, "2026-12-03T08:00:00Z");
    ASSERT_EQ(writes.size(), 2u);
    EXPECT_EQ(writes[0].path, project.path() / ".lmms/fix/before/app/main.py");
    EXPECT_EQ(writes[0].content, std::optional<std::string>("import json\n"));
}

}  // namespace lmms::fix

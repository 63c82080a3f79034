// The reference tree from the snapshot of `lmms fix`: the project copied
// without .git, .lmms, __pycache__ and .venv, the changed files put back, the
// created ones left out, and the directory gone once the tree is destroyed.

#include <gtest/gtest.h>

#include "base/files.hpp"
#include "capture/reference_tree.hpp"
#include "test_support.hpp"

namespace lmms::capture {

namespace {

namespace fs = std::filesystem;

void write_project(const testing::TempDir& project) {
    project.write("pyproject.toml", "[tool.lmms]\n");
    project.write("app/handler.py", "def handler(event, context):\n    import json\n");
    project.write("app/fast_path.py", "import re\n");
    project.write("app/__pycache__/handler.cpython-311.pyc", "x");
    project.write(".git/HEAD", "ref: refs/heads/main\n");
    project.write(".venv/bin/python", "");
    project.write(".lmms/fix/before/app/handler.py",
                  "import json\n\ndef handler(event, context):\n    pass\n");
    project.write(".lmms/fix/snapshot.json", R"({"schema_version": 1, "created": "2026-12-02T10:00:00Z",
        "files": [{"file": "app/handler.py", "before": "app/handler.py"},
                  {"file": "app/fast_path.py", "before": null}]})");
}

TEST(ReferenceTree, TheSnapshotPutsTheFilesBackAsTheyWere) {
    testing::TempDir project;
    write_project(project);
    fs::path kept;
    {
        auto reference = reference_from_snapshot(project.path());
        ASSERT_TRUE(reference.has_value()) << reference.error().message;
        const fs::path& tree = reference->tree.path();
        kept = tree;
        EXPECT_EQ(*base::read_file(tree / "app/handler.py"),
                  "import json\n\ndef handler(event, context):\n    pass\n");
        EXPECT_FALSE(fs::exists(tree / "app/fast_path.py"));
        EXPECT_TRUE(fs::exists(tree / "pyproject.toml"));
        for (const char* left_out : {".git", ".venv", ".lmms", "app/__pycache__"})
            EXPECT_FALSE(fs::exists(tree / left_out)) << left_out;
        EXPECT_EQ(reference->description, "the snapshot lmms fix kept (2026-12-02T10:00:00Z, 2 files)");
    }
    EXPECT_FALSE(fs::exists(kept));
    EXPECT_TRUE(fs::exists(project.path() / "app/fast_path.py"));  // the project itself is untouched
}

TEST(ReferenceTree, SymlinksAreCopiedAsLinksWhereTheyAre) {
    testing::TempDir project;
    write_project(project);
    project.write("README.md", "# read me\n");
    fs::create_directories(project.path() / "docs");
    fs::create_symlink("../README.md", project.path() / "docs/README.md");
    auto reference = reference_from_snapshot(project.path());
    ASSERT_TRUE(reference.has_value()) << reference.error().message;
    const fs::path& tree = reference->tree.path();
    EXPECT_TRUE(fs::is_symlink(tree / "docs/README.md"));
    EXPECT_EQ(fs::read_symlink(tree / "docs/README.md"), "../README.md");
    EXPECT_EQ(*base::read_file(tree / "README.md"), "# read me\n");
}

TEST(ReferenceTree, WithoutASnapshotThereIsNothingToVerifyAgainst) {
    testing::TempDir project;
    project.write("pyproject.toml", "[tool.lmms]\n");
    auto reference = reference_from_snapshot(project.path());
    ASSERT_FALSE(reference.has_value());
    EXPECT_EQ(reference.error().message, "nothing to verify against: run lmms fix, or pass --against REV");
}

TEST(ReferenceTree, AMissingCopyFromBeforeIsAnError) {
    testing::TempDir project;
    project.write(".lmms/fix/snapshot.json", R"({"schema_version": 1, "created": "t",
        "files": [{"file": "app/x.py", "before": "app/x.py"}]})");
    auto reference = reference_from_snapshot(project.path());
    ASSERT_FALSE(reference.has_value());
    EXPECT_NE(reference.error().message.find(".lmms/fix/before/app/x.py"), std::string::npos);
}

}  // namespace

}  // namespace lmms::capture

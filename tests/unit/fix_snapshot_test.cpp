// .lmms/fix/snapshot.json both ways, and the paths it refuses.

#include <gtest/gtest.h>

#include "model/fix_snapshot.hpp"

namespace lmms::model {

namespace {

TEST(FixSnapshot, ReadsWhatItWrites) {
    FixSnapshot snapshot{"2026-12-02T10:00:00Z",
                         {{"app/x.py", "app/x.py"}, {"app/fast_path.py", std::nullopt}}};
    auto read = fix_snapshot_from_json(fix_snapshot_to_json(snapshot), "snapshot.json");
    ASSERT_TRUE(read.has_value()) << read.error().message;
    EXPECT_EQ(read->created, snapshot.created);
    ASSERT_EQ(read->files.size(), 2u);
    EXPECT_EQ(read->files[0].before, std::optional<std::string>("app/x.py"));
    EXPECT_FALSE(read->files[1].before.has_value());
}

TEST(FixSnapshot, RefusesPathsOutsideTheProject) {
    for (const char* path : {"../x.py", "/etc/passwd", "app/../../x.py", ""}) {
        std::string text = std::string(R"({"schema_version": 1, "created": "t", "files": [{"file": ")") +
                           path + R"(", "before": null}]})";
        auto read = fix_snapshot_from_json(text, "snapshot.json");
        ASSERT_FALSE(read.has_value()) << path;
        EXPECT_EQ(read.error().location, "snapshot.json");
    }
}

TEST(FixSnapshot, RefusesAnotherSchemaVersion) {
    auto read = fix_snapshot_from_json(R"({"schema_version": 2, "created": "t", "files": []})", "s.json");
    ASSERT_FALSE(read.has_value());
    EXPECT_NE(read.error().message.find("schema_version 2"), std::string::npos);
}

}  // namespace

}  // namespace lmms::model

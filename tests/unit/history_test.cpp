// The history database (.lmms/history.sqlite) and what a recording keeps.

#include "store/history.hpp"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include "base/files.hpp"
#include "profile_fixture.hpp"
#include "test_support.hpp"

namespace lmms::store {

namespace {

model::Recording sample(double median_ms, std::string commit) {
    model::Recording r;
    r.recorded_at = "2026-12-02T01:40:00Z";
    r.kind = "profile";
    r.git_commit = std::move(commit);
    r.entry = "app.handler:handler";
    r.python = "/usr/bin/python3";
    r.python_version = "3.11.2";
    r.lmms_version = "0.1.0";
    r.runs = 20;
    r.median_ms = median_ms;
    r.p95_ms = median_ms + 10;
    r.modules = {{"pandas.core.frame", 40, 42, "app/reports.py:2", false}, {"app.main", 5, 6, "", true}};
    r.packages = {{"pandas", 300, 400, "app/reports.py:2"}, {"yaml", 6, 3, ""}};
    return r;
}

}  // namespace

TEST(History, RecordingsReadBackInOrderWithTheirModulesAndPackages) {
    testing::TempDir dir;
    auto db = dir.path() / "history.sqlite";
    ASSERT_TRUE(append_recording(db, sample(500, "abc"), "h"));
    model::Recording compare = sample(560, "");
    compare.kind = "compare";
    compare.change = 0.12;
    compare.regression = true;
    ASSERT_TRUE(append_recording(db, compare, "h"));
    auto read = read_recordings(db, "h");
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_EQ(read->size(), 2u);
    EXPECT_EQ((*read)[0].id, 1);
    EXPECT_EQ((*read)[0].git_commit, "abc");
    EXPECT_FALSE((*read)[0].change);
    EXPECT_DOUBLE_EQ((*read)[1].median_ms, 560);
    EXPECT_EQ((*read)[1].git_commit, "");
    EXPECT_DOUBLE_EQ(*(*read)[1].change, 0.12);
    EXPECT_TRUE(*(*read)[1].regression);
    ASSERT_EQ((*read)[1].modules.size(), 2u);
    EXPECT_EQ((*read)[1].modules[0].module, "pandas.core.frame");
    EXPECT_EQ((*read)[1].modules[0].site, "app/reports.py:2");
    EXPECT_FALSE((*read)[1].modules[0].project);
    EXPECT_TRUE((*read)[1].modules[1].project);
    ASSERT_EQ((*read)[1].packages.size(), 2u);
    EXPECT_EQ((*read)[1].packages[0].package, "pandas");
    EXPECT_EQ((*read)[1].packages[0].modules, 400);
}

TEST(History, ACorruptDatabaseIsAnErrorAndStaysAsItWas) {
    testing::TempDir dir;
    std::string garbage(4096, 'x');
    auto db = dir.write("history.sqlite", garbage);
    auto appended = append_recording(db, sample(500, ""), ".lmms/history.sqlite");
    ASSERT_FALSE(appended);
    EXPECT_EQ(appended.error().location, ".lmms/history.sqlite");
    EXPECT_NE(appended.error().message.find("corrupt"), std::string::npos) << appended.error().message;
    EXPECT_EQ(*base::read_file(db), garbage);
    auto read = read_recordings(db, ".lmms/history.sqlite");
    ASSERT_FALSE(read);
    EXPECT_NE(read.error().message.find("corrupt"), std::string::npos);
}

TEST(History, ALockedDatabaseIsAnErrorAndLosesNothing) {
    testing::TempDir dir;
    auto db = dir.path() / "history.sqlite";
    ASSERT_TRUE(append_recording(db, sample(500, ""), "h"));
    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
    auto appended =
        append_recording(db, sample(510, ""), ".lmms/history.sqlite", std::chrono::milliseconds{0});
    ASSERT_FALSE(appended);
    EXPECT_NE(appended.error().message.find("locked"), std::string::npos) << appended.error().message;
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    auto read = read_recordings(db, "h");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->size(), 1u);
    ASSERT_TRUE(append_recording(db, sample(510, ""), "h"));  // free again
}

TEST(History, ANewerSchemaIsRefused) {
    testing::TempDir dir;
    auto db = dir.path() / "history.sqlite";
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    sqlite3_exec(raw, "PRAGMA user_version = 7", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    auto appended = append_recording(db, sample(500, ""), "h");
    ASSERT_FALSE(appended);
    EXPECT_NE(appended.error().message.find("schema 7"), std::string::npos);
}

TEST(History, NoDatabaseIsAnErrorSayingWhatRecords) {
    testing::TempDir dir;
    auto read = read_recordings(dir.path() / "history.sqlite", ".lmms/history.sqlite");
    ASSERT_FALSE(read);
    EXPECT_NE(read.error().message.find("no history yet"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "history.sqlite"));
    // An empty file, left by a first write that failed, holds no history either.
    auto empty = read_recordings(dir.write("empty.sqlite", ""), ".lmms/history.sqlite");
    ASSERT_FALSE(empty);
    EXPECT_NE(empty.error().message.find("no history yet"), std::string::npos);
}

TEST(History, ARecordingKeepsTheColdStartAndEveryPackage) {
    model::Profile profile = capture::build_profile(testing::captures_of(testing::k_log), testing::k_layout);
    model::Recording r = model::recording_of(profile, "baseline");
    EXPECT_EQ(r.kind, "baseline");
    EXPECT_EQ(r.runs, 3);
    EXPECT_DOUBLE_EQ(r.median_ms, 10);
    EXPECT_DOUBLE_EQ(r.min_ms, 10);
    ASSERT_FALSE(r.modules.empty());
    EXPECT_EQ(r.modules.front().module, "heavy.core");    // the costliest self time first
    EXPECT_EQ(r.modules.size(), profile.modules.size());  // every module kept
    EXPECT_FALSE(r.modules.front().project);
    EXPECT_TRUE(std::any_of(r.modules.begin(), r.modules.end(), [](const model::ModuleCost& m) {
        return m.module == "app.handler" && m.project;
    }));
    std::map<std::string, model::PackageCost> packages;
    for (const model::PackageCost& p : r.packages)
        packages[p.package] = p;
    EXPECT_DOUBLE_EQ(packages["heavy"].self_ms, 4);  // heavy 1 ms + heavy.core 3 ms
    EXPECT_EQ(packages["heavy"].modules, 2);
    EXPECT_EQ(packages["heavy"].site, "app/a.py:1");
    EXPECT_EQ(packages["light"].site, "app/b.py:2");
    EXPECT_DOUBLE_EQ(packages["app"].self_ms, 0.95);
}

}  // namespace lmms::store

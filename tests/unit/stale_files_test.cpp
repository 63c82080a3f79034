// Which files changed since the profile: changed bytes and files it does not know.

#include "model/stale_files.hpp"

#include <gtest/gtest.h>

namespace lmms::model {

namespace {

Profile profile_with(std::vector<SourceFingerprint> sources) {
    Profile profile;
    profile.sources = std::move(sources);
    profile.has_sources = true;
    return profile;
}

}  // namespace

TEST(StaleFiles, ChangedAndUnknownFilesSortedRemovedOnesNot) {
    Profile profile = profile_with({{"app/a.py", "1111111111111111"},
                                    {"app/b.py", "2222222222222222"},
                                    {"app/gone.py", "3333333333333333"}});
    std::vector<std::pair<std::string, std::string>> current{{"app/new.py", "4444444444444444"},
                                                             {"app/b.py", "2222222222222229"},
                                                             {"app/a.py", "1111111111111111"}};
    EXPECT_EQ(stale_files(profile, current), (std::vector<std::string>{"app/b.py", "app/new.py"}));
}

TEST(StaleFiles, NothingChangedIsNothingStale) {
    Profile profile = profile_with({{"a.py", "1111111111111111"}});
    EXPECT_TRUE(stale_files(profile, {{"a.py", "1111111111111111"}}).empty());
    EXPECT_TRUE(stale_files(profile, {}).empty());
}

TEST(StaleFiles, AProfileWithoutSourcesKnowsNoFile) {
    Profile old;
    EXPECT_EQ(stale_files(old, {{"b.py", "2222222222222222"}, {"a.py", "1111111111111111"}}),
              (std::vector<std::string>{"a.py", "b.py"}));
}

}  // namespace lmms::model

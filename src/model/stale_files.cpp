#include "model/stale_files.hpp"

#include <algorithm>
#include <map>
#include <string_view>

namespace lmms::model {

std::vector<std::string> stale_files(const Profile& profile,
                                     const std::vector<std::pair<std::string, std::string>>& current) {
    std::map<std::string_view, std::string_view> recorded;
    for (const SourceFingerprint& source : profile.sources)
        recorded.emplace(source.file, source.fingerprint);
    std::vector<std::string> stale;
    for (const auto& [file, fingerprint] : current)
        if (auto known = recorded.find(file); known == recorded.end() || known->second != fingerprint)
            stale.push_back(file);
    std::sort(stale.begin(), stale.end());
    stale.erase(std::unique(stale.begin(), stale.end()), stale.end());
    return stale;
}

}  // namespace lmms::model

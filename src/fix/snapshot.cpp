#include "fix/snapshot.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/fingerprint.hpp"
#include "model/json_errors.hpp"

namespace lmms::fix {

namespace fs = std::filesystem;

const SnapshotFile* Snapshot::find(const std::string& file) const {
    auto at = std::find_if(files.begin(), files.end(), [&](const SnapshotFile& f) { return f.file == file; });
    return at == files.end() ? nullptr : &*at;
}

Expected<Snapshot> read_snapshot(const fs::path& project) {
    Snapshot snapshot;
    fs::path manifest = project / k_snapshot_dir / "snapshot.json";
    std::error_code ec;
    if (!fs::exists(manifest, ec))
        return snapshot;
    std::string text = LMMS_TRY(base::read_file(manifest));
    std::string where = base::relative_to(manifest, project);
    try {
        nlohmann::json json = nlohmann::json::parse(text);
        if (json.value("schema_version", 0) != k_snapshot_schema_version)
            return make_error(fmt::format("not a snapshot of this LMMS (schema_version {})",
                                          json.value("schema_version", 0)),
                              where);
        snapshot.created = json.value("created", "");
        for (const nlohmann::json& file : json.at("files"))
            snapshot.files.push_back(
                {file.at("file").get<std::string>(), !file.at("before").is_null(), file.value("after", "")});
    } catch (const nlohmann::json::exception& error) {
        return make_error(fmt::format("unreadable snapshot: {}", error.what()), where,
                          "delete .lmms/fix/ to start a new one (the reference `lmms verify` uses)");
    }
    return snapshot;
}

std::vector<base::FileWrite> snapshot_writes(const fs::path& project, const Snapshot& snapshot,
                                             const std::vector<ChangedFile>& changed,
                                             const std::string& now) {
    std::vector<base::FileWrite> writes;
    Snapshot next = snapshot;
    if (next.created.empty())
        next.created = now;
    for (const ChangedFile& file : changed) {
        std::string after = base::fingerprint(file.after);
        auto known = std::find_if(next.files.begin(), next.files.end(),
                                  [&](const SnapshotFile& f) { return f.file == file.path; });
        if (known != next.files.end()) {
            known->after = after;
            continue;
        }
        next.files.push_back({file.path, file.before.has_value(), after});
        if (file.before)
            writes.push_back({project / k_snapshot_dir / "before" / file.path, *file.before, true});
    }
    std::sort(next.files.begin(), next.files.end(),
              [](const auto& a, const auto& b) { return a.file < b.file; });
    nlohmann::ordered_json json;
    json["schema_version"] = k_snapshot_schema_version;
    json["created"] = next.created;
    json["files"] = nlohmann::ordered_json::array();
    for (const SnapshotFile& file : next.files) {
        nlohmann::ordered_json entry;
        entry["file"] = file.file;
        entry["before"] = file.existed ? nlohmann::ordered_json(file.file) : nlohmann::ordered_json(nullptr);
        entry["after"] = file.after;
        json["files"].push_back(std::move(entry));
    }
    writes.push_back({project / k_snapshot_dir / "snapshot.json", json.dump(2) + "\n", true});
    return writes;
}

std::vector<std::string> stale_files(const model::Profile& profile, const fs::path& project,
                                     const std::vector<std::string>& files, const Snapshot& snapshot,
                                     const std::string& exempt) {
    std::vector<std::string> stale;
    for (const std::string& file : files) {
        std::error_code ec;
        if (file == exempt || !fs::exists(project / file, ec))
            continue;
        auto bytes = base::read_file(project / file);
        std::string now = bytes ? base::fingerprint(*bytes) : "";
        const SnapshotFile* written = snapshot.find(file);
        if (written != nullptr && written->after == now)
            continue;
        auto known =
            std::find_if(profile.sources.begin(), profile.sources.end(),
                         [&](const model::SourceFingerprint& source) { return source.file == file; });
        if (known == profile.sources.end() || known->fingerprint != now)
            stale.push_back(file);
    }
    return stale;
}

}  // namespace lmms::fix

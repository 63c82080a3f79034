#include "fix/snapshot.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/fingerprint.hpp"

namespace lmms::fix {

namespace fs = std::filesystem;

Expected<Snapshot> read_snapshot(const fs::path& project) {
    fs::path manifest = project / k_snapshot_dir / "snapshot.json";
    std::error_code ec;
    if (!fs::exists(manifest, ec))
        return Snapshot{};
    std::string text = LMMS_TRY(base::read_file(manifest));
    return model::fix_snapshot_from_json(text, base::relative_to(manifest, project));
}

Snapshot current_part(const fs::path& project, Snapshot snapshot) {
    std::erase_if(snapshot.files, [&](const model::SnapshotFile& file) {
        auto now = base::read_file(project / file.file);
        return !now || base::fingerprint(*now) != file.after;
    });
    if (snapshot.files.empty())
        snapshot.created.clear();
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
                                  [&](const model::SnapshotFile& f) { return f.file == file.path; });
        if (known != next.files.end()) {
            known->after = after;  // the copy from before the first fix stays the reference
            continue;
        }
        std::optional<std::string> before;
        if (file.before) {
            before = file.path;
            writes.push_back({project / k_snapshot_dir / "before" / file.path, *file.before, true});
        }
        next.files.push_back({file.path, before, after});
    }
    std::sort(next.files.begin(), next.files.end(),
              [](const auto& a, const auto& b) { return a.file < b.file; });
    writes.push_back({project / k_snapshot_dir / "snapshot.json", model::fix_snapshot_to_json(next), true});
    return writes;
}

std::vector<std::string> stale_files(const model::Profile& profile, const std::vector<ChangedFile>& changed,
                                     const Snapshot& snapshot, const std::string& exempt) {
    std::vector<std::string> stale;
    for (const ChangedFile& file : changed) {
        if (file.path == exempt || !file.before)
            continue;
        std::string now = base::fingerprint(*file.before);
        const model::SnapshotFile* written = snapshot.find(file.path);
        if (written != nullptr && written->after == now)
            continue;
        const model::SourceFingerprint* measured = profile.source(file.path);
        if (measured == nullptr || measured->fingerprint != now)
            stale.push_back(file.path);
    }
    return stale;
}

}  // namespace lmms::fix

#pragma once
/// `.lmms/fix/snapshot.json`: what `lmms fix` changed, so `lmms verify` can
/// rebuild the tree as it was. Each changed file's copy from before the edit
/// is under `.lmms/fix/before/<before>`; `before` is absent (null) for a file
/// that fix created. Pure: parsing and writing text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace lmms::model {

inline constexpr int k_fix_snapshot_schema_version = 1;

struct SnapshotFile {
    std::string file;                   ///< project-relative, '/' separators
    std::optional<std::string> before;  ///< relative to .lmms/fix/before/; nullopt: fix created the file
    std::string after;                  ///< base::fingerprint of what the last fix wrote; may be empty
};

struct FixSnapshot {
    std::string created;  ///< ISO 8601
    std::vector<SnapshotFile> files;
    const SnapshotFile* find(const std::string& file) const;
};

/// Refuses a path that is absolute or climbs out with `..` (`file_name` is used in messages).
Expected<FixSnapshot> fix_snapshot_from_json(std::string_view text, const std::string& file_name);
std::string fix_snapshot_to_json(const FixSnapshot& snapshot);

}  // namespace lmms::model

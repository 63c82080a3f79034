#pragma once
/// The snapshot `lmms fix` keeps in .lmms/fix/: every file it changed, as it
/// was before the first fix (`before/<file>`), and a manifest
/// (`snapshot.json`) with what LMMS wrote, so `lmms verify` can rebuild the
/// reference tree and a file LMMS itself changed is not taken for stale.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/files.hpp"
#include "fix/project_fix.hpp"
#include "model/fix_snapshot.hpp"
#include "model/profile.hpp"

namespace lmms::fix {

inline constexpr const char* k_snapshot_dir = ".lmms/fix";

using Snapshot = model::FixSnapshot;

/// The project's snapshot; empty when there is none. Fails on a manifest it cannot read.
Expected<Snapshot> read_snapshot(const std::filesystem::path& project);

/// The part of `snapshot` that still holds: the files that are, on disk, what
/// LMMS last wrote (a file reverted or edited since is the user's again, and
/// its current bytes are the reference for the next fix). None left: empty.
Snapshot current_part(const std::filesystem::path& project, Snapshot snapshot);

/// The writes that add `changed` to the snapshot: the before copy of each
/// file the snapshot does not hold yet (an earlier fix's copy is the older
/// state, and stays), and the manifest with every file's new fingerprint.
std::vector<base::FileWrite> snapshot_writes(const std::filesystem::path& project, const Snapshot& snapshot,
                                             const std::vector<ChangedFile>& changed, const std::string& now);

/// Of the files a fix changes, those changed since the profile was taken:
/// their bytes as the fix read them differ from the profile's and from what
/// the last fix wrote (pure). Files the fix creates and `exempt` (the
/// fast-path file, which `lmms fastpath` keeps) are never stale.
std::vector<std::string> stale_files(const model::Profile& profile, const std::vector<ChangedFile>& changed,
                                     const Snapshot& snapshot, const std::string& exempt);

}  // namespace lmms::fix

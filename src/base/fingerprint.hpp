#pragma once
/// Content fingerprints: which files changed since a profile was taken.

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lmms::base {

/// FNV-1a (64 bits) of `bytes` as 16 lowercase hex digits. Not cryptographic:
/// it notices edits, not an adversary.
std::string fingerprint(std::string_view bytes);

/// (file, fingerprint) for each of `files` (relative to `dir`, '/'-separated),
/// in the order given; a file that cannot be read is left out.
std::vector<std::pair<std::string, std::string>> fingerprint_files(const std::filesystem::path& dir,
                                                                   const std::vector<std::string>& files);

}  // namespace lmms::base

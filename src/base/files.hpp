#pragma once
/// File access used by every command. Writes are atomic: a temporary file in
/// the same directory, flushed, then renamed over the target.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace lmms::base {

Expected<std::string> read_file(const std::filesystem::path& path);

/// Writes `content` to `path` via a temporary sibling and rename(2); on any
/// error the target is left exactly as it was and no temporary remains.
Expected<void> write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// One file of a write_files_transaction.
struct FileWrite {
    std::filesystem::path path;
    std::optional<std::string> content;  ///< the new bytes; nullopt deletes the file
    bool create_directories = false;     ///< create missing parents (removed again on error)
};

/// Writes several files as one change: every temporary is written and fsynced
/// next to its target first, then they are renamed (deletions unlinked) one by
/// one. On any error every file already replaced gets its previous bytes back
/// (kept in memory; a file that did not exist is removed again), temporaries
/// and created directories are removed, and the error names the file: the
/// files are as they were. A replaced file keeps its mode; a symlink is written
/// through. Refuses to start after a stop signal and rolls back if one arrives
/// before the last rename (ErrorKind::interrupted). A process killed midway
/// leaves each file whole, old or new, and may leave `.NAME.tmp-XXXXXX` files.
///
/// Test hook only: with LMMS_TEST_KILL_AT_WRITE_STEP=N in the environment the
/// process raises SIGKILL on itself right after step N (numbered from 1: each
/// temporary written, then each rename or deletion).
Expected<void> write_files_transaction(const std::vector<FileWrite>& writes);

/// For tests: called after each step (numbered as above); an error it returns
/// fails the transaction at that step, as a failed write or rename would.
using WriteStepHook = std::function<Expected<void>(int step)>;
Expected<void> write_files_transaction(const std::vector<FileWrite>& writes, const WriteStepHook& after_step);

/// Creates `dir` (and parents) and checks that a file can be created in it.
Expected<void> ensure_writable_directory(const std::filesystem::path& dir);

/// Checks, creating nothing, that ensure_writable_directory(dir) can succeed:
/// `dir` is a writable directory, or its nearest existing ancestor is one.
/// For a check before a long measurement that writes into `dir` at the end.
Expected<void> check_writable_directory(const std::filesystem::path& dir);

/// `path` relative to `root` with '/' separators when it lies under it,
/// otherwise `path` unchanged.
std::string relative_to(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace lmms::base

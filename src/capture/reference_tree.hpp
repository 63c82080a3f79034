#pragma once
/// The tree `lmms verify` compares the project with: a temporary copy of the
/// project (without .git, .lmms, __pycache__, .venv) with the files `lmms fix`
/// changed put back as they were, or a git revision's tree exported with
/// `git archive` and extracted with tar (no shell). Removed when destroyed.

#include <filesystem>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "base/process.hpp"

namespace lmms::capture {

/// A directory under the system's temporary directory, removed with
/// everything in it when the object is destroyed. Move-only.
class TemporaryTree {
public:
    static Expected<TemporaryTree> create(std::string_view prefix = "lmms-verify-");
    TemporaryTree(TemporaryTree&& other) noexcept;
    TemporaryTree& operator=(TemporaryTree&& other) noexcept;
    TemporaryTree(const TemporaryTree&) = delete;
    TemporaryTree& operator=(const TemporaryTree&) = delete;
    ~TemporaryTree();

    const std::filesystem::path& path() const { return m_path; }

private:
    explicit TemporaryTree(std::filesystem::path path) : m_path(std::move(path)) {}
    void remove();

    std::filesystem::path m_path;
};

struct ReferenceTree {
    TemporaryTree tree;
    std::string
        description;  ///< "the snapshot of lmms fix (2026-12-02T10:00:00Z, 2 files)", "git HEAD (1a2b3c4d5e)"
};

/// Copies `project` into `destination` (an existing directory), leaving out
/// .git, .lmms, __pycache__ and .venv folders; symbolic links stay links.
Expected<void> copy_project_tree(const std::filesystem::path& project,
                                 const std::filesystem::path& destination);

/// The project as it was before `lmms fix`: `.lmms/fix/snapshot.json` and the
/// copies under `.lmms/fix/before/`. Without a snapshot: an input error saying
/// what to do.
Expected<ReferenceTree> reference_from_snapshot(const std::filesystem::path& project);

/// The project's folder at git revision `revision` (the project may be a
/// subfolder of the repository).
Expected<ReferenceTree> reference_from_git(const std::filesystem::path& project, const std::string& revision,
                                           base::ProcessRunner& runner);

}  // namespace lmms::capture

#include "capture/reference_tree.hpp"

#include <stdlib.h>

#include <array>

#include <fmt/format.h>

#include "base/files.hpp"
#include "base/strings.hpp"
#include "model/fix_snapshot.hpp"

namespace lmms::capture {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 4> k_left_out = {".git", ".lmms", "__pycache__", ".venv"};
constexpr auto k_git_timeout = std::chrono::seconds(120);

bool left_out(const fs::path& name) {
    for (std::string_view skipped : k_left_out)
        if (name == skipped)
            return true;
    return false;
}

Error filesystem_error(const std::string& what, const std::error_code& code) {
    return Error{fmt::format("{}: {}", what, code.message()), {}, {}, ErrorKind::input};
}

Expected<void> copy_entry(const fs::directory_entry& entry, const fs::path& target) {
    std::error_code code;
    if (entry.is_symlink(code))
        fs::copy_symlink(entry.path(), target, code);
    else if (entry.is_directory(code))
        fs::create_directory(target, code);
    else if (entry.is_regular_file(code))
        fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing, code);
    if (code)
        return tl::unexpected(filesystem_error("cannot copy " + entry.path().string(), code));
    return {};
}

/// Puts one file of the snapshot back as it was: its copy from before, or
/// nothing when fix created it.
Expected<void> restore_file(const fs::path& project, const model::SnapshotFile& file, const fs::path& tree) {
    fs::path target = tree / file.file;
    std::error_code code;
    if (!file.before) {
        fs::remove(target, code);
        return code ? tl::unexpected(filesystem_error("cannot remove " + target.string(), code))
                    : Expected<void>{};
    }
    fs::path source = project / ".lmms" / "fix" / "before" / *file.before;
    if (!fs::is_regular_file(source, code))
        return make_error(
            fmt::format("the copy from before `lmms fix` is missing: .lmms/fix/before/{}", *file.before));
    fs::create_directories(target.parent_path(), code);
    if (!code)
        fs::copy_file(source, target, fs::copy_options::overwrite_existing, code);
    if (code)
        return tl::unexpected(filesystem_error("cannot copy " + source.string(), code));
    return {};
}

/// The first of the usual places that holds the program, since there is no PATH search.
std::string tool_path(std::string_view name) {
    for (std::string_view folder : {"/usr/bin/", "/bin/", "/usr/local/bin/"}) {
        std::string path = fmt::format("{}{}", folder, name);
        std::error_code code;
        if (fs::exists(path, code))
            return path;
    }
    return std::string(name);
}

Expected<std::string> run_tool(const std::vector<std::string>& argv, const fs::path& directory,
                               base::ProcessRunner& runner) {
    base::ProcessResult result = LMMS_TRY(runner.run({argv, directory, k_git_timeout, false}));
    if (result.exit_code != 0)
        return make_error(fmt::format("`{} {}` {}", fs::path(argv[0]).filename().string(), argv[1],
                                      base::describe_exit(result, k_git_timeout)),
                          {}, base::tail_lines(result.stderr_text, 5));
    return std::string(base::trim(result.stdout_text));
}

/// The full hash of `revision`'s commit, or an error naming the revision.
Expected<std::string> resolve_commit(const std::string& git, const fs::path& project,
                                     const std::string& revision, base::ProcessRunner& runner) {
    auto commit =
        run_tool({git, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"},
                 project, runner);
    if (!commit)
        return make_error(fmt::format("--against {}: not a git commit in {}", revision, project.string()), {},
                          commit.error().detail);
    return commit;
}

}  // namespace

Expected<TemporaryTree> TemporaryTree::create(std::string_view prefix) {
    std::string pattern = (fs::temp_directory_path() / fmt::format("{}XXXXXX", prefix)).string();
    if (::mkdtemp(pattern.data()) == nullptr)
        return make_error(errno_message("cannot create a temporary directory " + pattern));
    return TemporaryTree(fs::path(pattern));
}

TemporaryTree::TemporaryTree(TemporaryTree&& other) noexcept : m_path(std::move(other.m_path)) {
    other.m_path.clear();
}

TemporaryTree& TemporaryTree::operator=(TemporaryTree&& other) noexcept {
    if (this != &other) {
        remove();
        m_path = std::move(other.m_path);
        other.m_path.clear();
    }
    return *this;
}

TemporaryTree::~TemporaryTree() {
    remove();
}

void TemporaryTree::remove() {
    if (m_path.empty())
        return;
    std::error_code ignored;  // a destructor has no one to tell
    fs::remove_all(m_path, ignored);
    m_path.clear();
}

Expected<void> copy_project_tree(const fs::path& project, const fs::path& destination) {
    std::error_code code;
    fs::recursive_directory_iterator it(project, code), end;
    if (code)
        return tl::unexpected(filesystem_error("cannot read " + project.string(), code));
    for (; it != end; it.increment(code)) {
        if (code)
            return tl::unexpected(filesystem_error("cannot read " + project.string(), code));
        if (left_out(it->path().filename())) {
            it.disable_recursion_pending();
            continue;
        }
        // Lexically: fs::relative resolves symlinks, so `docs/README.md -> ../README.md` would land on
        // README.md.
        LMMS_TRY_VOID(copy_entry(*it, destination / it->path().lexically_relative(project)));
    }
    return {};
}

Expected<ReferenceTree> reference_from_snapshot(const fs::path& project) {
    fs::path snapshot_path = project / ".lmms" / "fix" / "snapshot.json";
    std::error_code code;
    if (!fs::exists(snapshot_path, code))
        return make_error("nothing to verify against: run lmms fix, or pass --against REV");
    std::string text = LMMS_TRY(base::read_file(snapshot_path));
    model::FixSnapshot snapshot = LMMS_TRY(model::fix_snapshot_from_json(text, ".lmms/fix/snapshot.json"));
    TemporaryTree tree = LMMS_TRY(TemporaryTree::create());
    LMMS_TRY_VOID(copy_project_tree(project, tree.path()));
    for (const model::SnapshotFile& file : snapshot.files)
        LMMS_TRY_VOID(restore_file(project, file, tree.path()));
    std::string description = fmt::format("the snapshot lmms fix kept ({}, {} file{})", snapshot.created,
                                          snapshot.files.size(), snapshot.files.size() == 1 ? "" : "s");
    return ReferenceTree{std::move(tree), std::move(description)};
}

Expected<ReferenceTree> reference_from_git(const fs::path& project, const std::string& revision,
                                           base::ProcessRunner& runner) {
    std::string git = tool_path("git");
    std::string commit = LMMS_TRY(resolve_commit(git, project, revision, runner));
    std::string prefix = LMMS_TRY(run_tool({git, "rev-parse", "--show-prefix"}, project, runner));
    // `git archive` run in a subfolder archives that subfolder only, and refuses one it does not track.
    fs::path top = LMMS_TRY(run_tool({git, "rev-parse", "--show-toplevel"}, project, runner));
    TemporaryTree tree = LMMS_TRY(TemporaryTree::create());
    fs::path archive = tree.path() / ".lmms-archive.tar";
    LMMS_TRY(run_tool({git, "archive", "--format=tar", "-o", archive.string(), commit + ":" + prefix}, top,
                      runner));
    LMMS_TRY(run_tool({tool_path("tar"), "-x", "-f", archive.string(), "-C", tree.path().string()}, project,
                      runner));
    std::error_code code;
    fs::remove(archive, code);
    for (std::string_view skipped : k_left_out)
        fs::remove_all(tree.path() / skipped, code);
    std::string description = fmt::format("git {} ({})", revision, commit.substr(0, 10));
    return ReferenceTree{std::move(tree), std::move(description)};
}

}  // namespace lmms::capture

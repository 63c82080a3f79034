#include "base/git.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include "base/files.hpp"
#include "base/strings.hpp"

namespace lmms::base {

namespace fs = std::filesystem;

namespace {

const std::string k_git = "/usr/bin/git";

/// A `.git` (directory, or file for worktrees and submodules) in `dir` or above.
bool git_directory_above(const fs::path& dir) {
    std::error_code ec;
    for (fs::path at = fs::absolute(dir, ec).lexically_normal();; at = at.parent_path()) {
        if (fs::exists(at / ".git", ec))
            return true;
        if (at == at.parent_path())
            return false;
    }
}

/// nullopt: not a work tree; an error: git is there and fails, or was interrupted.
Expected<std::optional<fs::path>> work_tree_top(const fs::path& dir, ProcessRunner& runner) {
    std::error_code ec;
    if (!fs::exists(k_git, ec))
        return std::nullopt;
    auto top = LMMS_TRY(runner.run(
        {{k_git, "-C", dir.string(), "rev-parse", "--show-toplevel"}, dir, std::chrono::seconds(10), false}));
    if (top.exit_code == 0)
        return fs::path(std::string(trim(top.stdout_text)));
    // git's message is localised, so whether this is a work tree is judged by the .git itself.
    if (!git_directory_above(dir))
        return std::nullopt;
    return make_error("git cannot read the work tree: it " + describe_exit(top, std::chrono::seconds(10)),
                      dir.string(), std::string(trim(top.stderr_text)));
}

/// The paths of `git status --porcelain -z` output (relative to the top): a
/// rename's or copy's entry carries its source path as a second field.
std::vector<std::string> status_paths(std::string_view listing) {
    std::vector<std::string> paths;
    while (listing.size() > 3) {
        size_t end = listing.find('\0');
        std::string_view entry = listing.substr(0, end);
        listing.remove_prefix(end == std::string_view::npos ? listing.size() : end + 1);
        bool has_source = entry.find_first_of("RC") < 2;
        paths.emplace_back(entry.substr(3));
        if (has_source) {
            end = listing.find('\0');
            paths.emplace_back(listing.substr(0, end));
            listing.remove_prefix(end == std::string_view::npos ? listing.size() : end + 1);
        }
    }
    return paths;
}

}  // namespace

std::optional<fs::path> git_work_tree(const fs::path& dir, ProcessRunner& runner) {
    auto top = work_tree_top(dir, runner);
    return top ? *top : std::nullopt;
}

Expected<std::vector<std::string>> uncommitted_files(const fs::path& project,
                                                     const std::vector<std::string>& files,
                                                     ProcessRunner& runner) {
    std::set<std::string> asked;
    for (const std::string& file : files)
        if (file != ".lmms" && !file.starts_with(".lmms/"))
            asked.insert(file);
    if (asked.empty())
        return std::vector<std::string>{};
    std::optional<fs::path> top = LMMS_TRY(work_tree_top(project, runner));
    if (!top)
        return std::vector<std::string>{};
    std::set<std::string> uncommitted;
    // In chunks, so a long list never exceeds the argument limit; literal, so `[` or `*` in a name is no
    // glob.
    constexpr size_t k_chunk = 500;
    std::vector<std::string> pathspecs(asked.begin(), asked.end());
    for (size_t start = 0; start < pathspecs.size(); start += k_chunk) {
        std::vector<std::string> argv{k_git,    "-C",          project.string(),        "--no-optional-locks",
                                      "status", "--porcelain", "--untracked-files=all", "-z",
                                      "--"};
        for (size_t i = start; i < std::min(pathspecs.size(), start + k_chunk); ++i)
            argv.push_back(":(literal)" + pathspecs[i]);
        auto status = LMMS_TRY(runner.run({argv, project, std::chrono::seconds(60), false}));
        if (status.exit_code != 0)
            return make_error("git status failed: it " + describe_exit(status, std::chrono::seconds(60)),
                              project.string(), std::string(trim(status.stderr_text)));
        for (const std::string& path : status_paths(status.stdout_text))
            if (std::string file = relative_to(*top / path, project); asked.contains(file))
                uncommitted.insert(file);
    }
    return std::vector<std::string>(uncommitted.begin(), uncommitted.end());
}

std::optional<GitState> git_state(const fs::path& dir, ProcessRunner& runner) {
    const std::string& git = k_git;
    std::error_code ec;
    if (!fs::exists(git, ec))
        return std::nullopt;
    auto head = runner.run({{git, "-C", dir.string(), "rev-parse", "--verify", "--quiet", "HEAD"},
                            dir,
                            std::chrono::seconds(10),
                            false});
    if (!head || head->exit_code != 0)
        return std::nullopt;
    GitState state{std::string(trim(head->stdout_text)), false};
    // The project's tracked files, not .lmms (lmms writes there itself); no index.lock taken.
    auto status = runner.run({{git, "-C", dir.string(), "--no-optional-locks", "status", "--porcelain",
                               "--untracked-files=no", "--", ".", ":(exclude).lmms"},
                              dir,
                              std::chrono::seconds(10),
                              false});
    state.dirty = status && status->exit_code == 0 && !trim(status->stdout_text).empty();
    return state;
}

}  // namespace lmms::base

#include "base/git.hpp"

#include "base/strings.hpp"

namespace lmms::base {

namespace fs = std::filesystem;

std::optional<GitState> git_state(const fs::path& dir, ProcessRunner& runner) {
    const std::string git = "/usr/bin/git";
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

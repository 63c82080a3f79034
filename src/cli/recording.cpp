#include "cli/recording.hpp"

#include <fmt/format.h>

#include "base/git.hpp"
#include "store/history.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

int record_history(const fs::path& project, model::Recording recording, const std::string& kept_in,
                   Context& context) {
    if (!context.record_history)
        return k_exit_ok;
    base::PosixProcessRunner runner;
    if (auto git = base::git_state(project, runner)) {
        recording.git_commit = git->commit;
        recording.git_dirty = git->dirty;
    }
    auto appended =
        store::append_recording(project / ".lmms" / "history.sqlite", recording, ".lmms/history.sqlite");
    if (appended)
        return k_exit_ok;
    Error error = appended.error();
    error.detail += fmt::format("{}the measurement is kept in {}; it is not in the history",
                                error.detail.empty() ? "" : "\n", kept_in);
    return report_error(error, context.err);
}

}  // namespace lmms::cli

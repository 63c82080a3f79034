#include "cli/recording.hpp"

#include <chrono>

#include <fmt/chrono.h>

#include "base/git.hpp"
#include "base/stop_signal.hpp"
#include "base/strings.hpp"
#include "store/history.hpp"

namespace lmms::cli {

std::string now_iso8601() {
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

namespace fs = std::filesystem;

void record_history(const fs::path& project, model::Recording recording, const std::string& kept_in,
                    Context& context) {
    if (!context.record_history || base::stop_signal() != 0)
        return;
    base::PosixProcessRunner runner;
    if (auto git = base::git_state(project, runner)) {
        recording.git_commit = git->commit;
        recording.git_dirty = git->dirty;
    }
    auto appended =
        store::append_recording(project / ".lmms" / "history.sqlite", recording, ".lmms/history.sqlite");
    if (appended)
        return;
    const Error& error = appended.error();
    context.err << "warning: " << error.location << ": " << error.message << "\n";
    for (std::string_view line : base::split_lines(error.detail))
        context.err << "  " << line << "\n";
    context.err << "  the measurement is kept in " << kept_in << "; it is not in the history\n";
}

}  // namespace lmms::cli

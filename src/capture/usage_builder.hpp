#pragma once
/// Joins a workload's traced lines with the scanner's references (pure): a
/// site is used in an invocation when a line that loads one of its bound
/// names (resolved to that very binding) ran in it, in its own file, in a
/// file that star-imports it, or in another file that reads the binding
/// (`pkg.name`, `getattr(pkg, "name")`, `from pkg import name`: reader_uses).

#include <optional>
#include <string>
#include <vector>

#include "capture/usage_capture.hpp"
#include "capture/workload.hpp"
#include "model/usage.hpp"
#include "python/facts.hpp"

namespace lmms::capture {

struct ProjectFile {
    std::string path;    ///< project-relative
    std::string module;  ///< dotted name from its source root; empty when under none
    const python::FileFacts* facts = nullptr;
    std::optional<size_t> traced;  ///< its index in UsageCapture::files, when any of its lines ran
    /// The fast-path file: its imports are the ones the plan writes there, so its sites
    /// are rows only once the workload runs it (the entry imports it).
    bool fast_path = false;
};

struct UsageInputs {
    std::string workload;  ///< "events" or "commands"
    std::string workload_file;
    std::string entry;
    std::vector<Event> events;  ///< or
    std::vector<Command> commands;
    const UsageCapture* capture = nullptr;
    std::vector<ProjectFile> files;
};

model::Usage build_usage(const UsageInputs& inputs);

}  // namespace lmms::capture

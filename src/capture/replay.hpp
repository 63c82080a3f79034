#pragma once
/// Runs a workload on one tree for `lmms verify`, untraced: the handler once
/// per event in one fresh interpreter (the probe's "replay" mode), or each
/// command line in a fresh interpreter of its own ("replay-command"), with the
/// tree as working directory and its source roots first on sys.path. Records
/// per invocation what it returned, raised and wrote.

#include <chrono>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "base/process.hpp"
#include "capture/workload.hpp"
#include "model/replay.hpp"

namespace lmms::capture {

struct ReplayRequest {
    std::filesystem::path python;
    std::filesystem::path tree;                    ///< absolute: the working directory
    std::vector<std::filesystem::path> src_roots;  ///< absolute, inside `tree`
    std::chrono::milliseconds timeout{600'000};    ///< the events process, or each command
    // A handler and its events ...
    std::string module;
    std::string function;
    std::filesystem::path events_file;  ///< absolute; the same file for every tree
    std::vector<Event> events;
    // ... or command lines.
    std::vector<Command> commands;
};

/// Called as the replay advances: (what starts, its number from 1, total).
using ReplayProgress = std::function<void(const std::string& what, size_t index, size_t total)>;

/// Fails only when a process cannot be started (or a stop signal arrives);
/// an entry that cannot be imported is the import's outcome (number 0), and
/// a timeout or a crash gives a partial replay.
Expected<model::Replay> replay_workload(const ReplayRequest& request, base::ProcessRunner& runner,
                                        const ReplayProgress& progress);

/// `text` with every spelling of `tree` (as given and canonical) replaced by `<tree>` (pure).
std::string hide_tree_root(std::string text, std::span<const std::string> tree_spellings);

/// The outcomes of a "replay" report, numbered and labelled from `events`
/// (pure). Returns false when the report did not reach its end ("done").
bool merge_replay_report(std::span<const base::ReportLine> lines, std::span<const Event> events,
                         model::Replay& replay);

}  // namespace lmms::capture

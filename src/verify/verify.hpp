#pragma once
/// `lmms verify` as a library, for the command and for `lmms fix --verify`:
/// build the reference tree, replay the workload on it and on the working
/// tree, compare, then profile both in alternating rounds. Runs processes;
/// prints nothing.

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/process.hpp"
#include "capture/reference_tree.hpp"
#include "capture/workload.hpp"
#include "model/replay.hpp"
#include "model/verification.hpp"
#include "verify/compare.hpp"

namespace lmms::verify {

/// The workload both trees run, as `lmms usage` ran it.
struct Workload {
    std::string kind;                   ///< "events" or "commands"
    std::string file;                   ///< as configured, project-relative
    std::filesystem::path events_file;  ///< absolute (events); both trees read this one file
    std::string module;                 ///< events: the handler's module and function
    std::string function;
    std::vector<capture::Event> events;
    std::vector<capture::Command> commands;
};

enum class Profiling { measure, skip };

struct VerifyOptions {
    std::filesystem::path
        project;  ///< absolute: the working tree (or any tree to compare, e.g. with a subset of edits)
    std::filesystem::path python;
    std::vector<std::string> src{"."};  ///< source roots relative to a tree
    Workload workload;
    std::string against;  ///< a git revision; empty: the snapshot `lmms fix` kept
    /// A reference tree built by the caller (a subset of edits, to bisect); empty: built as above.
    std::filesystem::path reference_dir;
    MaskOptions masks;
    Profiling profiling = Profiling::measure;
    std::string profile_entry;  ///< MODULE[:FUNCTION] to profile; empty: the events' handler
    int runs = 10;              ///< alternating rounds
    std::chrono::milliseconds replay_timeout{600'000};
    std::chrono::milliseconds profile_timeout{120'000};
    /// The plan's prediction, given the reference tree's directory; may be empty.
    std::function<Expected<model::Prediction>(const std::filesystem::path& reference_tree)> predict;
};

/// (stage: "replay reference", "replay working", "profile"; what; index from 1; total)
using VerifyProgress =
    std::function<void(const std::string& stage, const std::string& what, size_t index, size_t total)>;

/// The workload on one tree (its directory as cwd, its source roots first on sys.path).
Expected<model::Replay> replay_tree(const std::filesystem::path& tree, const VerifyOptions& options,
                                    base::ProcessRunner& runner, const VerifyProgress& progress);

/// The reference tree: `options.against` from git, else the snapshot of `lmms fix`.
Expected<capture::ReferenceTree> build_reference(const VerifyOptions& options, base::ProcessRunner& runner);

/// Both trees' cold starts, profiled in `options.runs` alternating rounds.
Expected<model::Measurement> measure_trees(const std::filesystem::path& reference,
                                           const std::filesystem::path& working, const VerifyOptions& options,
                                           base::ProcessRunner& runner, const VerifyProgress& progress);

/// The whole verification. Fails (input error) when the reference tree cannot
/// be built, or does not run the workload to its end itself.
Expected<model::Verification> run_verify(const VerifyOptions& options, base::ProcessRunner& runner,
                                         const VerifyProgress& progress);

}  // namespace lmms::verify

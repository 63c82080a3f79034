#pragma once
/// What `lmms plan`, `lmms fastpath` and `lmms run` share: read the stored
/// captures (.lmms/profile.json, .lmms/usage.json), scan the source tree and
/// make the plan. Runs no Python.

#include <filesystem>
#include <memory>
#include <string>

#include "base/error.hpp"
#include "cli/options.hpp"
#include "model/profile.hpp"
#include "model/usage.hpp"
#include "policy/plan.hpp"
#include "python/scan.hpp"

namespace lmms::cli {

struct PlanFlags {
    std::string project;
    std::string profile;  ///< default .lmms/profile.json
    std::string usage;    ///< default .lmms/usage.json; missing is not an error
    std::string fast_path;
    bool allow_failures = false;  ///< plan with a usage capture whose invocations failed
    /// Plan from the source the profile measured: a file `lmms fix` changed
    /// since is read from its snapshot copy (`.lmms/fix/before/`), so a second
    /// fix, or one after an interrupted write, makes the same plan as the first.
    bool as_profiled = false;
};

struct PlanContext {
    std::filesystem::path project;
    std::unique_ptr<model::Profile> profile;
    std::unique_ptr<model::Usage> usage;  ///< null when there is none
    std::unique_ptr<python::ScanResult> scanned;
    policy::Plan plan;
    config::FastPathTolerance fast_path_tolerance;  ///< for `lmms fastpath --check`
    config::Config config;
    std::vector<std::string> roots;  ///< source roots, project-relative (python::module_for_path)
};

/// --project, --profile, --usage, --fast-path, --allow-failures.
void add_plan_flags(CLI::App& app, PlanFlags& flags);

Expected<PlanContext> make_plan_context(const PlanFlags& flags);

/// The entry module's file among the project's `files` (project-relative), or empty.
std::string entry_file(const std::string& entry_module, const std::vector<std::string>& files,
                       const std::vector<std::string>& roots);

/// The fast path's file (project-relative): `flag`, else configured, else
/// fast_path.py beside `entry_file` (the entry module's file; empty when unknown).
std::string fast_path_file(const std::string& flag, const config::Config& config,
                           const std::string& entry_file);

}  // namespace lmms::cli

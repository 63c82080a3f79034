#pragma once
/// One measurement as the history keeps it: the cold start's statistics and
/// every module's and package's import time.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/profile.hpp"

namespace lmms::model {

struct ModuleCost {
    std::string module;
    double self_ms = 0;        ///< median over the runs
    double cumulative_ms = 0;  ///< median over the runs
    std::string site;          ///< the project's import line that brings it in (`file:line`), or empty
    bool project = false;      ///< one of the project's own modules
};

/// A top-level package's modules together (complete, unlike `modules`).
struct PackageCost {
    std::string package;  ///< "botocore", or the project's "app"
    double self_ms = 0;   ///< sum of its modules' median self times
    int64_t modules = 0;
    std::string site;  ///< the project's import line that first brings it in, or empty
};

struct Recording {
    int64_t id = 0;           ///< set when read back
    std::string recorded_at;  ///< ISO 8601 UTC
    std::string kind;         ///< "profile", "baseline" or "compare"
    std::string git_commit;   ///< empty outside a git work tree
    bool git_dirty = false;   ///< uncommitted changes to tracked files
    std::string entry;
    std::string python;
    std::string python_version;
    std::string lmms_version;
    int64_t runs = 0;
    double median_ms = 0, p95_ms = 0, min_ms = 0, max_ms = 0;
    double imports_ms = 0;  ///< median import time of the entry's non-project modules
    int64_t module_count = 0;
    std::optional<double> change;  ///< compare: current / baseline median - 1
    std::optional<bool> regression;
    std::vector<ModuleCost> modules;    ///< every module, by self time, costliest first
    std::vector<PackageCost> packages;  ///< every top-level package, by name
};

/// "1d96717bcb", with "+" when the work tree had changed; empty without a commit.
inline std::string short_commit(const Recording& r) {
    if (r.git_commit.empty())
        return {};
    return r.git_commit.substr(0, 10) + (r.git_dirty ? "+" : "");
}

/// The recording of a measurement (pure).
Recording recording_of(const model::Profile& profile, std::string kind);

}  // namespace lmms::model

#pragma once
/// What `lmms fix` does around the pure fixer: its flags, the style chosen,
/// the project's files read, the checks that the files may be touched, and
/// the one write of every changed file with the snapshot `lmms verify` uses.

#include <optional>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/files.hpp"
#include "cli/plan_setup.hpp"
#include "fix/project_fix.hpp"

namespace lmms::cli {

struct FixFlags {
    std::string style;           ///< empty: from --target-version / requires-python
    std::string target_version;  ///< "3.15"
    bool unsafe_fixes = false;
    bool diff = false;
    bool check = false;
    std::vector<std::string> select, ignore;
    bool allow_dirty = false;
    bool verify = false;  ///< lmms verify after writing; every file restored on a difference
};

struct PreparedFix {
    fix::ProjectFix fix;
    std::string style_reason;  ///< why this style
    // What made it, so a subset of its fixes can be made again (to bisect them).
    fix::ProjectFixOptions options;
    std::vector<fix::ProjectFileSource> sources;
    std::optional<std::string> fast_path_before, fast_path_text;
};

/// The style: --style; else `lazy` when --target-version or requires-python
/// says the oldest supported Python is >= 3.15; else `function`.
Expected<fix::Style> choose_style(const FixFlags& flags, const config::Config& config, std::string& reason);

/// Reads the project's files and computes every fix (writes nothing).
Expected<PreparedFix> prepare_fix(const PlanContext& planned, const FixFlags& flags);

/// Refuses files the fix would change that changed since the profile was
/// taken (stale), unless LMMS wrote them (the snapshot says so).
Expected<void> check_stale(const PlanContext& planned, const PreparedFix& prepared);

/// Without --allow-dirty, refuses files the fix would change that have
/// uncommitted changes (as `cargo fix` does).
Expected<void> check_dirty(const PlanContext& planned, const PreparedFix& prepared, const FixFlags& flags);

/// Writes the snapshot (.lmms/fix/) and every changed file, all or none.
/// Returns the writes that put every one of those files back as it was.
Expected<std::vector<base::FileWrite>> write_fix(const PlanContext& planned, const fix::ProjectFix& result);

/// The oldest Python version a requires-python specifier allows, as (major,
/// minor); (0, 0) when it names no lower bound.
std::pair<int, int> oldest_python(const std::string& requires_python);

}  // namespace lmms::cli

#pragma once
/// `lmms fix --verify`: after the fix is written, the workload is replayed on
/// the tree as it was and as it is now; on any difference every file is put
/// back, and the fixes responsible are found by bisecting them (each subset
/// made again on a copy of the tree and replayed).

#include <string>
#include <vector>

#include "base/files.hpp"
#include "cli/cli.hpp"
#include "cli/fix_setup.hpp"
#include "cli/verify_setup.hpp"

namespace lmms::cli {

/// Verifies the written fix; prints the verification and, on a difference,
/// restores `undo` and names the responsible fixes. Returns the exit code.
int verify_fix(const PlanContext& planned, const PreparedFix& prepared,
               const std::vector<base::FileWrite>& undo, const VerifyFlags& flags, Context& context);

}  // namespace lmms::cli

#pragma once
/// What `lmms verify` and `lmms fix --verify` share: the flags, the
/// workload they replay (the flags, else what `lmms usage` ran, else the
/// configuration), the options of verify::run_verify, and the progress line.

#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "verify/verify.hpp"

namespace lmms::cli {

struct VerifyFlags {
    std::string against;
    std::vector<std::string> masks;
    std::vector<std::string> json_masks;
    bool no_profile = false;
    std::string events;
    std::string commands;
    std::string kind_key;
    SharedFlags shared;
};

/// Which flags a command takes: `lmms verify` all of them; `lmms fix
/// --verify` neither --against (it verifies against its own snapshot) nor
/// --project and --format (its own).
enum class VerifyFlagSet : uint8_t { all, for_fix };

void add_verify_flags(CLI::App& app, VerifyFlags& flags, VerifyFlagSet set);

/// The options of verify::run_verify from the flags and the project.
Expected<verify::VerifyOptions> verify_options(const VerifyFlags& flags);

/// The progress line on a terminal's stderr; nothing otherwise.
verify::VerifyProgress progress_for(Context& context);

}  // namespace lmms::cli

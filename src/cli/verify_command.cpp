// `lmms verify`: the working tree against a reference tree (the snapshot `lmms
// fix` kept, or --against REV) on the workload; exit 1 on any difference.

#include <ostream>

#include <fmt/format.h>

#include "base/files.hpp"
#include "cli/cli.hpp"
#include "cli/entry.hpp"
#include "cli/options.hpp"
#include "cli/plan_setup.hpp"
#include "cli/project_setup.hpp"
#include "cli/verify_setup.hpp"
#include "model/usage_json.hpp"
#include "report/verify_report.hpp"
#include "verify/verify.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

int run_verify(Context& context) {
    CLI::App app{
        "Compare the working tree with a reference tree on the workload: each invocation's result,\n"
        "exception, stdout, stderr and exit code, in fresh interpreters; then profile both trees in\n"
        "alternating rounds. Exit 1 on any difference. The reference is the snapshot `lmms fix` kept\n"
        "(.lmms/fix/), or --against REV.",
        "lmms verify"};
    VerifyFlags flags;
    add_verify_flags(app, flags, VerifyFlagSet::all);
    if (auto stop = parse_options(app, context))
        return *stop;
    auto options = verify_options(flags);
    if (!options)
        return report_error(options.error(), context.err);
    base::PosixProcessRunner runner;
    auto result = verify::run_verify(*options, runner, progress_for(context));
    if (context.err_is_terminal)
        context.err << "\r\033[K" << std::flush;
    if (!result)
        return report_error(result.error(), context.err);
    if (flags.shared.format == "json")
        context.out << report::verify_to_json(*result);
    else
        context.out << report::verify_to_text(*result, options->project.string());
    return model::identical(*result) ? k_exit_ok : k_exit_findings;
}

}  // namespace lmms::cli

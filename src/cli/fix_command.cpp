// `lmms fix`: the plan's actions as edits of the source. Analysis (src/fix)
// computes every file's new text; this file checks that the files may be
// touched (not stale, not dirty), shows or writes them all at once, and keeps
// the files as they were in .lmms/fix/ for `lmms verify`.

#include <ostream>

#include <fmt/format.h>

#include "base/files.hpp"
#include "cli/cli.hpp"
#include "cli/fix_setup.hpp"
#include "cli/fix_verify.hpp"
#include "cli/options.hpp"
#include "fix/fast_path.hpp"
#include "report/fix_report.hpp"

namespace lmms::cli {

namespace {

void add_fix_flags(CLI::App& app, PlanFlags& plan, FixFlags& flags, VerifyFlags& verify) {
    add_plan_flags(app, plan);
    app.add_option("--style", flags.style,
                   "function (move into the functions that use it; default), lazy (PEP 810 `lazy import`, "
                   "Python >= 3.15) or lazy-modules (`__lazy_modules__`, valid on every version)")
        ->check(CLI::IsMember({"function", "lazy", "lazy-modules"}));
    app.add_option(
        "--target-version", flags.target_version,
        "the oldest Python the project supports, e.g. 3.15 (default: pyproject's requires-python)");
    app.add_flag("--unsafe-fixes", flags.unsafe_fixes, "also apply the fixes that may change behaviour");
    app.add_flag("--diff", flags.diff, "print a unified diff of what would change; write nothing");
    app.add_flag("--check", flags.check, "write nothing; exit 1 when fixes are pending (for CI)");
    app.add_option("--select", flags.select, "only these: FILE, FOLDER or FILE:LINE (repeatable)");
    app.add_option("--ignore", flags.ignore, "not these: FILE, FOLDER or FILE:LINE (repeatable)");
    app.add_flag("--allow-dirty", flags.allow_dirty, "fix files that have uncommitted changes");
    app.add_flag("--verify", flags.verify,
                 "then run lmms verify: on any difference restore every file and name the fixes responsible");
    add_verify_flags(app, verify, VerifyFlagSet::for_fix);
}

}  // namespace

int run_fix(Context& context) {
    CLI::App app{
        "Apply the plan: move the imports it makes lazy (safe fixes; --unsafe-fixes for the rest), route\n"
        "the entry through the fast path, and keep the files as they were in .lmms/fix/ for lmms verify.\n"
        "Every file is written or none; a file changed since the profile is refused.",
        "lmms fix"};
    PlanFlags plan_flags;
    FixFlags flags;
    VerifyFlags verify_flags;
    add_fix_flags(app, plan_flags, flags, verify_flags);
    if (auto stop = parse_options(app, context))
        return *stop;
    plan_flags.as_profiled = true;
    auto planned = make_plan_context(plan_flags);
    if (!planned)
        return report_error(planned.error(), context.err);
    auto prepared = prepare_fix(*planned, flags);
    if (!prepared)
        return report_error(prepared.error(), context.err);
    const fix::ProjectFix& result = prepared->fix;
    bool dry = flags.diff || flags.check;
    if (auto fresh = check_stale(*planned, *prepared); !fresh)
        return report_error(fresh.error(), context.err);
    if (auto clean = dry ? Expected<void>{} : check_dirty(*planned, *prepared, flags); !clean)
        return report_error(clean.error(), context.err);
    for (const std::string& error : result.errors)
        context.err << "error: " << error << "\n";
    if (flags.diff) {
        for (const fix::ChangedFile& file : result.files)
            context.out << fix::unified_diff(file.before.value_or(""), file.after, file.path, "lmms fix");
    }
    context.out << report::fix_to_text(result, dry ? report::FixMode::preview : report::FixMode::write);
    if (dry && !result.errors.empty())
        return k_exit_input;  // a file that does not parse cannot be fixed: --check must not pass it
    if (dry)
        return flags.check && !result.files.empty() ? k_exit_findings : k_exit_ok;
    auto undo = write_fix(*planned, result);
    if (!undo)
        return report_error(undo.error(), context.err);
    if (!result.files.empty())
        context.out << "the files as they were are in .lmms/fix/: `lmms verify` compares the two\n";
    if (flags.verify && !result.files.empty()) {
        verify_flags.shared.project = plan_flags.project;
        if (int verified = verify_fix(*planned, *prepared, *undo, verify_flags, context);
            verified != k_exit_ok)
            return verified;
    }
    return result.errors.empty() ? k_exit_ok : k_exit_input;
}

}  // namespace lmms::cli

// Verify what lmms fix wrote; on a difference, restore and bisect.

#include "cli/fix_verify.hpp"

#include <ostream>
#include <set>

#include <fmt/format.h>

#include "base/process.hpp"
#include "capture/reference_tree.hpp"
#include "report/verify_report.hpp"
#include "verify/compare.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

namespace {

/// Replays the tree the fixes in `keys` make, on a copy of `project` (as it was).
class Bisection {
public:
    Bisection(const PlanContext& planned, const PreparedFix& prepared, verify::VerifyOptions options,
              base::ProcessRunner& runner)
        : m_planned(planned), m_prepared(prepared), m_options(std::move(options)), m_runner(runner) {
        m_options.profiling = verify::Profiling::skip;
    }

    Expected<void> start() {
        m_masks = LMMS_TRY(verify::compile_masks(m_options.masks));
        m_reference = LMMS_TRY(verify::replay_tree(m_planned.project, m_options, m_runner, {}));
        return {};
    }

    /// The fixes of `keys` that change behaviour: each half that does alone,
    /// searched again; `keys` themselves when only all of them together do.
    std::vector<std::string> responsible(const std::vector<std::string>& keys) {
        if (keys.size() <= 1)
            return keys;
        auto middle = keys.begin() + static_cast<std::ptrdiff_t>(keys.size() / 2);
        std::vector<std::string> first(keys.begin(), middle), second(middle, keys.end());
        std::vector<std::string> found;
        for (const auto* half : {&first, &second})
            if (differs(*half)) {
                std::vector<std::string> inside = responsible(*half);
                found.insert(found.end(), inside.begin(), inside.end());
            }
        return found.empty() ? keys : found;
    }

    /// Whether the tree the fixes in `keys` make behaves unlike the reference replay.
    bool differs(const std::vector<std::string>& keys) {
        fix::ProjectFixOptions options = m_prepared.options;
        options.only = std::set<std::string>(keys.begin(), keys.end());
        fix::ProjectFix subset =
            fix::fix_project(m_planned.plan, m_prepared.sources, m_prepared.fast_path_before,
                             m_prepared.fast_path_text, options);
        auto tree = capture::TemporaryTree::create("lmms-bisect-");
        if (!tree || !capture::copy_project_tree(m_planned.project, tree->path()))
            return true;
        for (const fix::ChangedFile& file : subset.files)
            if (!base::write_files_transaction({{tree->path() / file.path, file.after, true}}))
                return true;
        auto replay = verify::replay_tree(tree->path(), m_options, m_runner, {});
        return !replay || !verify::compare_replays(m_reference, *replay, m_masks).empty();
    }

private:
    const PlanContext& m_planned;
    const PreparedFix& m_prepared;
    verify::VerifyOptions m_options;
    base::ProcessRunner& m_runner;
    verify::Masks m_masks;
    model::Replay m_reference;
};

std::vector<std::string> applied_keys(const fix::ProjectFix& result) {
    std::vector<std::string> keys;
    for (const fix::SiteFix& fix : result.applied)
        if (std::find(keys.begin(), keys.end(), fix::fix_key(fix)) == keys.end())
            keys.push_back(fix::fix_key(fix));
    return keys;
}

std::string describe(const fix::ProjectFix& result, const std::string& key) {
    for (const fix::SiteFix& fix : result.applied)
        if (fix::fix_key(fix) == key)
            return fmt::format("{}:{}  {}  -> {}", fix.file, fix.line, fix.statement,
                               fmt::join(fix.destinations, ", "));
    return key;
}

int restore_and_bisect(const PlanContext& planned, const PreparedFix& prepared,
                       const std::vector<base::FileWrite>& undo, const verify::VerifyOptions& options,
                       base::ProcessRunner& runner, Context& context) {
    if (auto restored = base::write_files_transaction(undo); !restored)
        return report_error(restored.error(), context.err);
    context.out << "restored every file lmms fix wrote: the program behaves differently with the fix\n";
    Bisection bisection(planned, prepared, options, runner);
    if (auto started = bisection.start(); !started) {
        context.err << "warning: could not bisect the fixes: " << started.error().message << "\n";
        return k_exit_findings;
    }
    // The tree as it was, replayed again: when it differs from its own first
    // replay, the workload is not deterministic and no fix is to blame.
    if (bisection.differs({})) {
        context.out << "no fix is responsible: the tree as it was behaves differently from one replay to the "
                       "next (time, random or temporary paths in the outputs?); mask what varies with --mask "
                       "REGEX or --mask-json PATH, and run lmms fix --verify again\n";
        return k_exit_findings;
    }
    std::vector<std::string> keys = applied_keys(prepared.fix);
    std::vector<std::string> culprits = bisection.responsible(keys);
    context.out << fmt::format("the fix{} responsible ({} of {}, found by bisecting):\n",
                               culprits.size() == 1 ? "" : "es", culprits.size(), keys.size());
    for (const std::string& key : culprits)
        context.out << "  " << describe(prepared.fix, key) << "\n";
    context.out << "leave them out with --ignore FILE:LINE, and run lmms fix --verify again\n";
    return k_exit_findings;
}

}  // namespace

int verify_fix(const PlanContext& planned, const PreparedFix& prepared,
               const std::vector<base::FileWrite>& undo, const VerifyFlags& flags, Context& context) {
    auto options = verify_options(flags);
    base::PosixProcessRunner runner;
    auto result = options ? verify::run_verify(*options, runner, progress_for(context))
                          : Expected<model::Verification>(tl::unexpected(options.error()));
    if (context.err_is_terminal)
        context.err << "\r\033[K" << std::flush;
    if (!result) {
        if (auto restored = base::write_files_transaction(undo); !restored)
            return report_error(restored.error(), context.err);
        context.err << "lmms fix: could not verify, so every file it wrote is restored\n";
        return report_error(result.error(), context.err);
    }
    context.out << "\n" << report::verify_to_text(*result, planned.project.string());
    if (model::identical(*result))
        return k_exit_ok;
    return restore_and_bisect(planned, prepared, undo, *options, runner, context);
}

}  // namespace lmms::cli

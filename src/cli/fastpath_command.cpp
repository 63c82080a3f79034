// `lmms fastpath [--check]`: write the fast-path file from the plan, keeping
// its HISTORY, or check that it is current.

#include <ostream>

#include <fmt/format.h>

#include "base/files.hpp"
#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "cli/plan_setup.hpp"
#include "fix/fast_path.hpp"

namespace lmms::cli {

namespace fs = std::filesystem;

int run_fastpath(Context& context) {
    CLI::App app{
        "Write the fast-path file from the plan: Tier 1 and Tier 2 imports, each with its measured\n"
        "cost, usage and date, __all__, and a HISTORY that gains a dated line per change.\n"
        "With --check, write nothing: exit 1 with a diff when the file is out of date.",
        "lmms fastpath"};
    PlanFlags flags;
    bool check = false;
    add_plan_flags(app, flags);
    app.add_flag("--check", check, "exit 1 with a diff when the file is not what the plan says");
    if (auto stop = parse_options(app, context))
        return *stop;
    auto planned = make_plan_context(flags);
    if (!planned)
        return report_error(planned.error(), context.err);
    const policy::Plan& plan = planned->plan;
    fs::path path = planned->project / plan.fast_path_file;
    std::error_code ec;
    std::optional<std::string> existing;
    if (fs::exists(path, ec)) {
        auto text = base::read_file(path);
        if (!text)
            return report_error(text.error(), context.err);
        existing = std::move(*text);
    }
    auto rendered = fix::render_fast_path(plan, existing, planned->fast_path_tolerance);
    if (!rendered)
        return report_error(rendered.error(), context.err);
    const fix::FastPathFile& file = *rendered;
    if (check) {
        std::vector<std::string> findings = fix::fast_path_findings(file, existing.has_value());
        if (findings.empty()) {
            context.out << fmt::format("{} is up to date ({} imports{})\n", plan.fast_path_file, file.imports,
                                       file.changed ? "; measured costs within the tolerance" : "");
            return k_exit_ok;
        }
        context.out << fix::unified_diff(existing.value_or(""), file.text, plan.fast_path_file);
        for (const std::string& finding : findings)
            context.err << fmt::format("{}: {}\n", plan.fast_path_file, finding);
        context.err << fmt::format("error: {} is {}; run `lmms fastpath` to write it\n", plan.fast_path_file,
                                   existing ? "out of date" : "missing");
        return k_exit_findings;
    }
    if (!file.changed) {
        context.out << fmt::format("{} is up to date ({} imports)\n", plan.fast_path_file, file.imports);
        return k_exit_ok;
    }
    if (auto written = base::write_file_atomic(path, file.text); !written)
        return report_error(written.error(), context.err);
    context.out << fmt::format("wrote {}: {} imports, {:.1f} ms\n  HISTORY {}\n", plan.fast_path_file,
                               file.imports, plan.summary.fast_path_ms, file.history.substr(2));
    if (plan.summary.fast_path > 0)
        context.out << fmt::format(
            "  next: move the entry's module-level imports into it (`from {} import *`), as `lmms plan` "
            "lists\n",
            plan.fast_path_module);
    return k_exit_ok;
}

}  // namespace lmms::cli

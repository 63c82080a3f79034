#include "report/profile_code_text.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "base/strings.hpp"

namespace lmms::report {

namespace {

constexpr double k_hook_floor_us = 1000;
constexpr size_t k_failed_shown = 5;

std::string ms(double microseconds) {
    return base::format_ms(microseconds) + " ms";
}

std::string plural(int64_t count, std::string_view word) {
    return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

}  // namespace

std::string failed_imports_line(const model::Profile& profile) {
    std::vector<std::string> names;
    for (const model::Module& module : profile.modules) {
        if (!module.failed)
            continue;
        std::string by =
            module.first_importer ? " (from " + profile.at(*module.first_importer).name + ")" : "";
        names.push_back(module.name + by);
    }
    if (names.empty())
        return {};
    std::string shown;
    for (size_t i = 0; i < names.size() && i < k_failed_shown; ++i)
        shown += (i == 0 ? "" : ", ") + names[i];
    if (names.size() > k_failed_shown)
        shown += fmt::format(", {} more", names.size() - k_failed_shown);
    return fmt::format("Failed       {} raised and {} not loaded at cold start: {}\n",
                       plural(static_cast<int64_t>(names.size()), "import"), names.size() == 1 ? "is" : "are",
                       shown);
}

std::string compile_cost_line(const model::Profile& profile) {
    if (!profile.compile)
        return {};
    const model::CompileCost& cost = *profile.compile;
    bool paid = profile.bytecode && profile.bytecode->compiled_modules > 0;
    return fmt::format(
        "Compile      {} for the {} from source (project: {}, {}), timed once in the warm-up;\n"
        "             a start without .pyc files pays it, {}\n",
        ms(cost.us), plural(cost.modules, "module"), plural(cost.project_modules, "module"),
        ms(cost.project_us),
        paid ? "as the timed runs did" : "the timed runs did not (they read cached .pyc files)");
}

std::string module_code_section(const model::Profile& profile, int top) {
    const auto& statements = profile.module_code;
    if (statements.empty())
        return {};
    std::vector<size_t> order(statements.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (statements[a].us != statements[b].us)
            return statements[a].us > statements[b].us;
        return a < b;  // stored by file, then line
    });
    size_t shown = top <= 0 ? order.size() : std::min(order.size(), static_cast<size_t>(top));
    std::string out = fmt::format(
        "Module-level code (project modules' top-level statements over {}, imports they make excluded;\n"
        "  timed in the warm-up run: a single run's figure)\n",
        ms(model::k_statement_floor_us));
    for (size_t row = 0; row < shown; ++row) {
        const model::StatementCost& statement = statements[order[row]];
        std::string text = statement.text.empty() ? "" : " `" + statement.text + "`";
        out +=
            fmt::format("  {}:{}{} {} at import\n", statement.file, statement.line, text, ms(statement.us));
    }
    if (shown < order.size())
        out += fmt::format("  ({} more; --top 0 shows all)\n", order.size() - shown);
    return out + "\n";
}

std::string import_hooks_section(const model::Profile& profile) {
    std::string rows;
    for (const model::ImportHookCost& hook : profile.import_hooks)
        if (hook.us >= k_hook_floor_us)
            rows +=
                fmt::format("  {}  {} in {}; slowest: {} {}\n", hook.finder, ms(hook.us),
                            plural(hook.calls, "find_spec call"), hook.slowest_module, ms(hook.slowest_us));
    if (rows.empty())
        return {};
    return "Import hooks (meta-path finders' own work in find_spec, timed in the warm-up run: a single\n"
           "  run's figure; -X importtime bills it to the module being found)\n" +
           rows + "\n";
}

}  // namespace lmms::report

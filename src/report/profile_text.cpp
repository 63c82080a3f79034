#include "report/profile_text.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "base/strings.hpp"
#include "config/interpreter.hpp"
#include "report/profile_code_text.hpp"

namespace lmms::report {

using model::Module;
using model::Profile;

namespace {

std::string ms(double microseconds) {
    return base::format_ms(microseconds) + " ms";
}

std::string first_importer_of_loaded(const Profile& profile, const Module& module) {
    if (!module.first_importer)
        return "(entry)";
    if (!module.first_project_importer)
        return "-";
    std::string name = profile.at(*module.first_project_importer).name;
    if (!module.first_project_site)
        return name;
    const model::ImportSite& site = profile.at(*module.first_project_site);
    return fmt::format("{} ({}:{})", name, site.file, site.line);
}

std::string first_importer(const Profile& profile, const Module& module) {
    if (module.failed)
        return first_importer_of_loaded(profile, module) + " (import failed)";
    return first_importer_of_loaded(profile, module);
}

}  // namespace

std::string bytecode_caches_text(const model::BytecodeCaches& caches) {
    std::string why =
        caches.dont_write_bytecode ? "; sys.dont_write_bytecode is set (PYTHONDONTWRITEBYTECODE or -B)" : "";
    if (caches.compiled_modules == 0)
        return "cached .pyc files used in every run" + why;
    return fmt::format("NOT cached: a run compiled {} module{} from source (e.g. {}){}",
                       caches.compiled_modules, caches.compiled_modules == 1 ? "" : "s", caches.example, why);
}

namespace {

void cold_start_section(const Profile& profile, std::string& out) {
    const model::ColdStart& cold = profile.cold_start;
    out += fmt::format("Cold start   median {}   p95 {}   ({} runs)\n", ms(cold.total.median),
                       ms(cold.total.p95), profile.runs.size());
    auto part = [&](std::string_view name, double value, std::string_view note) {
        out += fmt::format("  {:<19}{:>12}   {}\n", name, ms(value), note);
    };
    part("interpreter start", cold.interpreter_start_us, "python -c pass, same flags");
    part("imports", cold.imports_us, "third-party and stdlib modules imported by the entry");
    part("init", cold.init_us, "project module code and handler lookup");
    part("other", cold.other_us, "spawn, measurement, and what the parts above miss");
    out += fmt::format("  {:<19}{:>12}\n", "total", ms(cold.total.median));
    int64_t imported = profile.runs.empty() ? 0 : profile.runs.front().modules_imported;
    out += fmt::format(
        "Modules      {:.0f} in sys.modules at ready, {} imported by the entry   peak RSS {:.1f} MB\n",
        cold.module_count.median, imported, cold.peak_rss_kb.median / 1024.0);
    if (profile.bytecode)
        out += "Bytecode     " + bytecode_caches_text(*profile.bytecode) + "\n";
    out += compile_cost_line(profile);
    out += failed_imports_line(profile);
    out += "\n";
}

size_t shown_rows(size_t available, int top) {
    return top <= 0 ? available : std::min(available, static_cast<size_t>(top));
}

std::string group_lines(const Profile& profile, const model::ImportGroup& group) {
    if (group.sites.size() == 1) {
        const model::ImportSite& site = profile.at(group.sites.front());
        if (!site.statement.empty())
            return fmt::format("{}:{}  {}", site.file, site.line, site.statement);
    }
    std::string lines;
    std::string_view file;
    for (model::SiteIndex index : group.sites) {
        const model::ImportSite& site = profile.at(index);
        lines += site.file == file ? fmt::format(",{}", site.line)
                                   : fmt::format("{}{}:{}", lines.empty() ? "" : " ", site.file, site.line);
        file = site.file;
    }
    return lines;
}

/// Cumulative cost of the modules these statements imported first.
double first_import_cost(const Profile& profile, const model::ImportGroup& group) {
    double total = 0;
    for (model::SiteIndex index : group.sites)
        for (model::ModuleIndex target : profile.at(index).targets)
            if (profile.at(target).first_project_site == index)
                total += profile.at(target).cumulative.median;
    return total;
}

void groups_section(const Profile& profile, int top, std::string& out) {
    std::vector<size_t> order(profile.groups.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const auto &x = profile.groups[a], &y = profile.groups[b];
        if (x.retained_us != y.retained_us)
            return x.retained_us > y.retained_us;
        double first_x = first_import_cost(profile, x), first_y = first_import_cost(profile, y);
        if (first_x != first_y)
            return first_x > first_y;
        return a < b;  // groups are stored sorted by importer, then package
    });
    out += "Project imports by library (retained: what leaves the cold path if they are lazy)\n";
    if (order.empty()) {
        out += "  (no import statement of a project module ran on the cold path)\n\n";
        return;
    }
    size_t shown = shown_rows(order.size(), top);
    size_t importer_width = 8, package_width = 7;
    for (size_t row = 0; row < shown; ++row) {
        importer_width =
            std::max(importer_width, profile.at(profile.groups[order[row]].importer).name.size());
        package_width = std::max(package_width, profile.groups[order[row]].package.size());
    }
    out += fmt::format("  {:<{}}  {:<{}}  {:>11}  {:>11}  {:>7}  {}\n", "importer", importer_width, "library",
                       package_width, "first import", "retained", "modules", "import statements");
    for (size_t row = 0; row < shown; ++row) {
        const model::ImportGroup& group = profile.groups[order[row]];
        out +=
            fmt::format("  {:<{}}  {:<{}}  {:>11}  {:>11}  {:>7}  {}\n", profile.at(group.importer).name,
                        importer_width, group.package, package_width, ms(first_import_cost(profile, group)),
                        ms(group.retained_us), group.retained_modules, group_lines(profile, group));
    }
    if (shown < order.size())
        out += fmt::format("  ({} more; --top 0 shows all)\n", order.size() - shown);
    out +=
        "  first import: cumulative cost where these statements imported it first; retained counts a\n"
        "  module that something else also imports under neither.\n\n";
}

void modules_section(const Profile& profile, int top, std::string& out) {
    std::vector<size_t> order(profile.modules.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const Module &x = profile.modules[a], &y = profile.modules[b];
        if (x.cumulative.median != y.cumulative.median)
            return x.cumulative.median > y.cumulative.median;
        return x.name < y.name;
    });
    size_t shown = shown_rows(order.size(), top);
    size_t width = 6;
    for (size_t row = 0; row < shown; ++row)
        width = std::max(width, profile.modules[order[row]].name.size());
    out += fmt::format(
        "Slowest imports (median over {} runs; cumulative includes what each pulls in; self sums medians)\n",
        profile.runs.size());
    out += fmt::format("  {:<{}}  {:>11}  {:>11}  {:>10}  {:>11}  {:>9}  {}\n", "module", width, "cumulative",
                       "p95", "self", "retained", "pulled in", "first imported by");
    double shown_self = 0;
    for (size_t row = 0; row < shown; ++row) {
        const Module& module = profile.modules[order[row]];
        shown_self += module.self.median;
        out += fmt::format("  {:<{}}  {:>11}  {:>11}  {:>10}  {:>11}  {:>9}  {}\n", module.name, width,
                           ms(module.cumulative.median), ms(module.cumulative.p95), ms(module.self.median),
                           ms(module.retained_us), module.pulled_in, first_importer(profile, module));
    }
    double total_self = 0;
    for (const Module& module : profile.modules)
        total_self += module.self.median;
    if (shown < order.size())
        out +=
            fmt::format("  {:<{}}  {:>11}  {:>11}  {:>10}\n", fmt::format("({} more)", order.size() - shown),
                        width, "", "", ms(total_self - shown_self));
    out += fmt::format("  {:<{}}  {:>11}  {:>11}  {:>10}\n", fmt::format("total ({})", order.size()), width,
                       "", "", ms(total_self));
    out += "\n";
}

struct TreePrinter {
    const Profile& profile;
    double min_us;
    std::vector<std::vector<size_t>> children;
    std::string& out;

    void print(size_t node, const std::string& prefix, const std::string& branch, bool last) {
        const Module& module = profile.modules[node];
        std::string label = prefix + branch + module.name;
        out += fmt::format("{:<60} {:>11}\n", label, ms(module.cumulative.median));
        std::string inner = prefix + (branch.empty() ? "" : (last ? "   " : "│  "));
        std::vector<size_t> kept, folded;
        for (size_t child : children[node])
            (profile.modules[child].cumulative.median >= min_us ? kept : folded).push_back(child);
        for (size_t i = 0; i < kept.size(); ++i)
            print(kept[i], inner, i + 1 == kept.size() && folded.empty() ? "└─ " : "├─ ",
                  i + 1 == kept.size() && folded.empty());
        if (folded.empty())
            return;
        double folded_us = 0;
        for (size_t child : folded)
            folded_us += profile.modules[child].cumulative.median;
        out += fmt::format("{:<60} {:>11}\n", fmt::format("{}└─ ({} smaller imports)", inner, folded.size()),
                           ms(folded_us));
    }
};

void tree_section(const Profile& profile, double min_ms, std::string& out) {
    std::vector<std::vector<size_t>> children(profile.modules.size());
    std::vector<size_t> roots;
    for (size_t i = 0; i < profile.modules.size(); ++i) {
        const auto& parent = profile.modules[i].first_importer;
        (parent ? children[parent->value] : roots).push_back(i);
    }
    auto slowest_first = [&](size_t a, size_t b) {
        const Module &x = profile.modules[a], &y = profile.modules[b];
        if (x.cumulative.median != y.cumulative.median)
            return x.cumulative.median > y.cumulative.median;
        return x.name < y.name;
    };
    for (auto& list : children)
        std::sort(list.begin(), list.end(), slowest_first);
    std::sort(roots.begin(), roots.end(), slowest_first);
    out += fmt::format("Import tree (first imports, cumulative median; imports under {} ms folded)\n",
                       base::format_ms(min_ms * 1000));
    TreePrinter printer{profile, min_ms * 1000, std::move(children), out};
    for (size_t root : roots)
        printer.print(root, "", "", true);
    out += "\n";
}

}  // namespace

std::string profile_to_text(const Profile& profile, const ProfileTextOptions& options) {
    std::string out;
    const model::Environment& environment = profile.environment;
    std::string why = environment.python_source.empty()
                          ? ""
                          : " from " + config::describe_source(environment.python_source);
    out += fmt::format("lmms profile  {}  ({} {}{}, {} runs after a warm-up)\n\n", profile.settings.entry,
                       environment.python, environment.python_version, why, profile.runs.size());
    cold_start_section(profile, out);
    groups_section(profile, options.top, out);
    modules_section(profile, options.top, out);
    out += module_code_section(profile, options.top);
    out += import_hooks_section(profile);
    if (options.tree)
        tree_section(profile, options.tree_min_ms, out);
    for (const std::string& diagnostic : profile.diagnostics)
        out += fmt::format("note: {}\n", diagnostic);
    return out;
}

}  // namespace lmms::report

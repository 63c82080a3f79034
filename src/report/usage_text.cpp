#include "report/usage_text.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace lmms::report {

namespace {

std::string percent(size_t used, size_t total) {
    return total == 0
               ? "-"
               : fmt::format("{:.1f} %", 100.0 * static_cast<double>(used) / static_cast<double>(total));
}

std::string joined(const std::vector<std::string>& names) {
    std::string text;
    for (const std::string& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text.empty() ? "*" : text;
}

/// Long event shapes and messages stay on one line of a readable width.
std::string clipped(std::string text, size_t width) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text.size() <= width ? text : text.substr(0, width - 3) + "...";
}

/// Rows end where their last column does.
std::string without_trailing_spaces(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\n')
            while (!out.empty() && out.back() == ' ')
                out.pop_back();
        out += c;
    }
    return out;
}

void header(const model::Usage& usage, std::string& out) {
    size_t ran = usage.invocations.size();
    size_t failed =
        static_cast<size_t>(std::count_if(usage.invocations.begin(), usage.invocations.end(),
                                          [](const auto& row) { return !row.error_type.empty(); }));
    std::string what = usage.workload == "events" ? fmt::format("{} events of {}", ran, usage.entry)
                                                  : fmt::format("{} commands", ran);
    out += fmt::format("Usage over {} ({}), Python {} ({})", what, usage.workload_file, usage.python_version,
                       usage.tracer == "monitoring" ? "sys.monitoring" : "sys.settrace");
    out += failed == 0 ? "\n" : fmt::format("; {} failed\n", failed);
    if (usage.partial)
        out += fmt::format("PARTIAL: {} of {} ran: {}\n", ran, usage.planned, usage.partial_reason);
    out += "\n";
}

void sites_section(const model::Usage& usage, std::string& out) {
    size_t total = usage.invocations.size();
    out += "Import sites (usage: invocations that ran a line using a name the statement binds)\n";
    if (usage.sites.empty()) {
        out += "  (the project has no import statement)\n\n";
        return;
    }
    size_t where_width = 5, module_width = 6, names_width = 5;
    std::vector<std::string> wheres;
    for (const model::SiteUsage& site : usage.sites) {
        wheres.push_back(fmt::format("{}:{}", site.file, site.line));
        where_width = std::max(where_width, wheres.back().size());
        module_width = std::max(module_width, site.module.size());
        names_width = std::max(names_width, clipped(joined(site.names), 40).size());
    }
    out += fmt::format("  {:<{}}  {:<{}}  {:<{}}  {:>7}  {:>9}  {}\n", "site", where_width, "module",
                       module_width, "names", names_width, "usage", "used", "at import time");
    for (size_t i = 0; i < usage.sites.size(); ++i) {
        const model::SiteUsage& site = usage.sites[i];
        std::string at_import;
        if (site.import_time_line) {
            std::string where = site.import_time_file.empty()
                                    ? fmt::format("line {}", *site.import_time_line)
                                    : fmt::format("{}:{}", site.import_time_file, *site.import_time_line);
            at_import = site.import_time_function.empty()
                            ? where
                            : fmt::format("{}, in {}()", where, site.import_time_function);
        }
        std::string shown = site.star ? "unknown" : percent(site.used, total);
        out += fmt::format("  {:<{}}  {:<{}}  {:<{}}  {:>7}  {:>9}  {}\n", wheres[i], where_width,
                           site.module, module_width, clipped(joined(site.names), 40), names_width, shown,
                           fmt::format("{}/{}", site.used, total), at_import);
        for (const model::ImportTimeUse& use : site.import_time_uses)
            out += fmt::format("      import time: {}:{} {}{}\n", use.file, use.line,
                               model::import_time_kind_name(use.kind),
                               use.function.empty() ? "" : fmt::format(", in {}()", use.function));
    }
    if (std::any_of(usage.sites.begin(), usage.sites.end(),
                    [](const model::SiteUsage& site) { return site.import_time_line.has_value(); }))
        out +=
            "  at import time: a line using the name ran while a module was being imported. At\n"
            "  module level the import cannot move into a function; in a function, moving it\n"
            "  saves nothing until that function's call at import time is made lazy too.\n"
            "  Import-time uses are listed under their site (file:line kind); usage counts\n"
            "  invocations only.\n";
    out += "\n";
}

void libraries_section(const model::Usage& usage, std::string& out) {
    size_t total = usage.invocations.size();
    out += "Libraries (invocations that used any site importing them)\n";
    size_t width = 7;
    for (const model::LibraryUsage& library : usage.libraries)
        width = std::max(width, library.name.size());
    out += fmt::format("  {:<{}}  {:>7}  {:>9}  {:>5}\n", "library", width, "usage", "used", "sites");
    for (const model::LibraryUsage& library : usage.libraries)
        out += fmt::format("  {:<{}}  {:>7}  {:>9}  {:>5}{}\n", library.name, width,
                           percent(library.used, total), fmt::format("{}/{}", library.used, total),
                           library.sites, library.project ? "  (project)" : "");
    out += "\n";
}

void kinds_section(const model::Usage& usage, std::string& out) {
    out += usage.workload == "events" ? "Event kinds (latency of the handler call)\n"
                                      : "Command kinds (latency of the whole process)\n";
    size_t width = 4;
    for (const model::KindUsage& kind : usage.kinds)
        width = std::max(width, clipped(kind.kind, 60).size());
    out += fmt::format("  {:<{}}  {:>5}  {:>10}  {:>11}  {:>6}\n", "kind", width, "count", "first",
                       "warm median", "failed");
    for (const model::KindUsage& kind : usage.kinds) {
        std::string warm = kind.warm_median_ms ? fmt::format("{:.2f} ms", *kind.warm_median_ms) : "-";
        out += fmt::format("  {:<{}}  {:>5}  {:>10}  {:>11}  {:>6}\n", clipped(kind.kind, 60), width,
                           kind.count, fmt::format("{:.2f} ms", kind.first_ms), warm, kind.failed);
        for (const model::ErrorCount& error : kind.errors)
            out += fmt::format("      {}x {}: {}\n", error.count, error.type, clipped(error.message, 100));
    }
    out += "\n";
}

}  // namespace

std::string usage_to_text(const model::Usage& usage) {
    std::string out;
    header(usage, out);
    sites_section(usage, out);
    libraries_section(usage, out);
    kinds_section(usage, out);
    return without_trailing_spaces(out);
}

}  // namespace lmms::report

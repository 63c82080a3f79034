#include "capture/usage_builder.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "model/statistics.hpp"
#include "python/bindings.hpp"
#include "report/scan_report.hpp"

namespace lmms::capture {

namespace {

std::string top_level(const std::string& module) {
    return module.substr(0, module.find('.'));
}

/// A file's loads, grouped by name, so each site looks only at its own names.
using LoadsByName = std::unordered_map<std::string_view, std::vector<const python::Reference*>>;

LoadsByName loads_by_name(const python::FileFacts& facts) {
    LoadsByName loads;
    for (const python::Reference& ref : facts.references)
        if (!ref.store)
            loads[ref.name].push_back(&ref);
    return loads;
}

/// The innermost function (or lambda) scope holding `scope`, or 0 when it runs
/// with its module: module level, a class body, a comprehension there.
uint32_t enclosing_function(const python::FileFacts& facts, uint32_t scope) {
    for (int32_t at = static_cast<int32_t>(scope); at > 0; at = facts.scopes[at].parent) {
        python::ScopeKind kind = facts.scopes[at].kind;
        if (kind == python::ScopeKind::function || kind == python::ScopeKind::lambda)
            return static_cast<uint32_t>(at);
    }
    return 0;
}

struct UseLine {
    uint32_t line = 0;
    uint32_t function = 0;  ///< enclosing_function of the reference
    auto operator<=>(const UseLine&) const = default;
};

/// The lines of a file that load `name` through the binding `site` made.
std::vector<UseLine> use_lines(const python::FileFacts& facts, const LoadsByName& loads,
                               const python::ImportSite& site, const std::string& name) {
    std::vector<UseLine> lines;
    auto it = loads.find(name);
    if (it == loads.end())
        return lines;
    int32_t binding = python::binding_scope(facts, site.scope, name);
    if (binding == python::k_unbound)
        binding = 0;  // `global x` with no module-level binding but this import
    for (const python::Reference* ref : it->second)
        if (python::binding_scope(facts, ref->scope, ref->name) == binding)
            lines.push_back({ref->line, enclosing_function(facts, ref->scope)});
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    return lines;
}

bool ran(const std::vector<LineKey>& sorted_lines, size_t file, uint32_t line) {
    return std::binary_search(sorted_lines.begin(), sorted_lines.end(),
                              static_cast<LineKey>(file) << k_line_bits | line);
}

}  // namespace

std::string module_for_path(const std::string& path, const std::vector<std::string>& roots) {
    for (const std::string& root : roots) {
        std::string prefix = root == "." || root.empty() ? "" : root + "/";
        if (!path.starts_with(prefix) || !path.ends_with(".py"))
            continue;
        std::string rest = path.substr(prefix.size(), path.size() - prefix.size() - 3);
        if (rest == "__init__")
            continue;
        if (rest.ends_with("/__init__"))
            rest.resize(rest.size() - 9);
        std::replace(rest.begin(), rest.end(), '/', '.');
        return rest;
    }
    return {};
}

std::string absolute_module(const std::string& importer, bool importer_is_package, uint32_t level,
                            const std::string& module) {
    if (level == 0)
        return module;
    std::string package = importer;
    if (!importer_is_package)
        package = package.substr(0, package.rfind('.') == std::string::npos ? 0 : package.rfind('.'));
    for (uint32_t up = 1; up < level && !package.empty(); ++up)
        package = package.substr(0, package.rfind('.') == std::string::npos ? 0 : package.rfind('.'));
    if (package.empty())
        return module;
    return module.empty() ? package : package + "." + module;
}

model::Usage build_usage(const UsageInputs& inputs) {
    const UsageCapture& capture = *inputs.capture;
    model::Usage usage;
    usage.workload = inputs.workload;
    usage.workload_file = inputs.workload_file;
    usage.entry = inputs.entry;
    usage.python_version = capture.python_version;
    usage.tracer = capture.tracer;
    usage.planned = inputs.workload == "events" ? inputs.events.size() : inputs.commands.size();
    usage.partial = capture.partial;
    usage.partial_reason = capture.partial_reason;

    for (const InvocationCapture& invocation : capture.invocations) {
        model::InvocationUsage row;
        row.number = invocation.number;
        size_t index = invocation.number - 1;
        if (inputs.workload == "events" && index < inputs.events.size()) {
            row.source_line = inputs.events[index].line;
            row.kind = inputs.events[index].kind;
        } else if (index < inputs.commands.size()) {
            row.source_line = inputs.commands[index].line;
            row.kind = inputs.commands[index].kind;
        }
        row.latency_ms = static_cast<double>(invocation.latency_ns) / 1e6;
        row.error_type = invocation.error_type;
        row.error_message = invocation.error_message;
        usage.invocations.push_back(std::move(row));
    }

    std::set<std::string> project_packages;
    for (const ProjectFile& file : inputs.files)
        if (!file.module.empty())
            project_packages.insert(top_level(file.module));

    // Which invocations used each library: a set per library.
    std::map<std::string, std::vector<bool>> library_used;
    std::map<std::string, size_t> library_sites;
    for (const ProjectFile& file : inputs.files) {
        const python::FileFacts& facts = *file.facts;
        bool is_package = file.path.ends_with("__init__.py");
        LoadsByName loads = loads_by_name(facts);
        for (const python::ImportSite& site : facts.imports) {
            if (site.future)
                continue;
            // `import a, b.c` imports two modules: a row each. `from m import x, y` is one module.
            std::vector<python::ImportSite> parts;
            if (site.is_from) {
                parts.push_back(site);
            } else {
                for (const python::ImportedName& name : site.names) {
                    python::ImportSite part = site;
                    part.names = {name};
                    parts.push_back(std::move(part));
                }
            }
            for (const python::ImportSite& part : parts) {
                model::SiteUsage row;
                row.file = file.path;
                row.line = part.line;
                row.col = part.col;
                row.statement = report::import_statement_text(part);
                row.module = part.is_from ? absolute_module(file.module, is_package, part.level, part.module)
                                          : part.names.front().name;
                row.library = top_level(row.module);
                row.scope = part.scope == 0 ? "<module>" : facts.scopes[part.scope].qualname;
                row.guard = python::guard_name(part.guard);
                row.star = part.star;
                for (const python::ImportedName& name : part.names)
                    if (name.name != "*")
                        row.names.push_back(!name.asname.empty() ? name.asname
                                            : part.is_from       ? name.name
                                                                 : name.name.substr(0, name.name.find('.')));
                std::vector<std::vector<UseLine>> lines_of_name;
                for (const std::string& name : row.names)
                    lines_of_name.push_back(use_lines(facts, loads, part, name));
                row.name_used.assign(row.names.size(), 0);
                std::vector<bool>& used_by = library_used[row.library];
                used_by.resize(capture.invocations.size());
                library_sites[row.library] += 1;
                if (file.traced) {
                    for (size_t i = 0; i < capture.invocations.size(); ++i) {
                        const std::vector<LineKey>& ran_lines = capture.invocations[i].lines;
                        bool used = false;
                        for (size_t n = 0; n < row.names.size(); ++n)
                            if (std::any_of(
                                    lines_of_name[n].begin(), lines_of_name[n].end(),
                                    [&](UseLine use) { return ran(ran_lines, *file.traced, use.line); })) {
                                row.name_used[n] += 1;
                                used = true;
                            }
                        row.used += used ? 1 : 0;
                        if (used)
                            used_by[i] = true;
                    }
                    // The first module-level use that ran while importing, else the first in a function.
                    std::optional<std::pair<bool, uint32_t>> first;  // (in a function, line)
                    uint32_t function = 0;
                    for (const std::vector<UseLine>& lines : lines_of_name)
                        for (UseLine use : lines) {
                            std::pair<bool, uint32_t> rank{use.function != 0, use.line};
                            if ((!first || rank < *first) &&
                                ran(capture.import_lines, *file.traced, use.line)) {
                                first = rank;
                                function = use.function;
                            }
                        }
                    if (first) {
                        row.import_time_line = first->second;
                        row.import_time_function = function == 0 ? "" : facts.scopes[function].qualname;
                    }
                }
                usage.sites.push_back(std::move(row));
            }
        }
    }
    std::sort(usage.sites.begin(), usage.sites.end(),
              [](const model::SiteUsage& a, const model::SiteUsage& b) {
                  return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
              });

    for (const auto& [name, used_by] : library_used) {
        model::LibraryUsage row;
        row.name = name;
        row.project = project_packages.contains(name);
        row.sites = library_sites[name];
        row.used = static_cast<size_t>(std::count(used_by.begin(), used_by.end(), true));
        usage.libraries.push_back(std::move(row));
    }
    std::stable_sort(
        usage.libraries.begin(), usage.libraries.end(),
        [](const model::LibraryUsage& a, const model::LibraryUsage& b) { return a.used > b.used; });

    std::map<std::string, std::vector<const model::InvocationUsage*>> by_kind;
    for (const model::InvocationUsage& invocation : usage.invocations)
        by_kind[invocation.kind].push_back(&invocation);
    for (const auto& [kind, invocations] : by_kind) {
        model::KindUsage row;
        row.kind = kind;
        row.count = invocations.size();
        row.first_ms = invocations.front()->latency_ms;
        std::vector<double> warm;
        std::map<std::pair<std::string, std::string>, size_t> errors;
        for (size_t i = 0; i < invocations.size(); ++i) {
            if (i > 0)
                warm.push_back(invocations[i]->latency_ms);
            if (!invocations[i]->error_type.empty()) {
                row.failed += 1;
                errors[{invocations[i]->error_type, invocations[i]->error_message}] += 1;
            }
        }
        if (!warm.empty())
            row.warm_median_ms = model::summarize(warm).median;
        for (const auto& [what, count] : errors)
            row.errors.push_back({what.first, what.second, count});
        std::stable_sort(
            row.errors.begin(), row.errors.end(),
            [](const model::ErrorCount& a, const model::ErrorCount& b) { return a.count > b.count; });
        usage.kinds.push_back(std::move(row));
    }
    std::stable_sort(usage.kinds.begin(), usage.kinds.end(),
                     [](const model::KindUsage& a, const model::KindUsage& b) { return a.count > b.count; });
    return usage;
}

}  // namespace lmms::capture

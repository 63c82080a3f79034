#include "capture/usage_builder.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "capture/import_time_kind.hpp"
#include "capture/reader_uses.hpp"
#include "model/statistics.hpp"
#include "python/bindings.hpp"
#include "python/project_files.hpp"
#include "python/statement_text.hpp"

namespace lmms::capture {

namespace {

/// A line that loads an import's name, in a traced file.
struct UseAt {
    size_t traced = 0;  ///< index in UsageCapture::files
    const python::FileFacts* facts = nullptr;
    const std::string* path = nullptr;  ///< set for another file: it star-imports or reads the binding
    python::NameUse use;
    std::optional<ReaderUse> reader;  ///< set when another file reads the binding (python::readers_of)
};

struct StarImporter {
    std::string path;
    size_t traced = 0;
    const python::FileFacts* facts = nullptr;
    python::LoadsByName loads;
};

bool ran(const std::vector<LineKey>& sorted_lines, size_t file, uint32_t line) {
    return std::binary_search(sorted_lines.begin(), sorted_lines.end(),
                              static_cast<LineKey>(file) << k_line_bits | line);
}

/// A module-level read that ran while its module was imported runs only then
/// (a module body runs once): it is an import-time use, never an invocation's.
bool at_import_only(const UsageCapture& capture, const UseAt& at) {
    return at.use.function == 0 && ran(capture.import_lines, at.traced, at.use.line);
}

/// The first load of `name` on the use's line, in the use's function.
const python::Reference* reference_of(const UseAt& at, const std::string& name) {
    const python::Reference* found = nullptr;
    for (const python::Reference& ref : at.facts->references)
        if (!ref.store && ref.line == at.use.line && ref.name == name &&
            python::enclosing_function(*at.facts, ref.scope) == at.use.function &&
            (found == nullptr || ref.col < found->col))
            found = &ref;
    return found;
}

model::ImportTimeUse import_time_use(const UseAt& at, const std::string& name, const std::string& own_file,
                                     bool name_is_module) {
    ImportTimeRead read;
    read.name = name;
    read.name_is_module = name_is_module;
    read.line = at.use.line;
    read.statements = &at.facts->statements;
    read.in_function = at.use.function != 0;
    if (at.reader) {
        read.name = at.reader->read;
        read.col = at.reader->col;
        read.annotation = at.reader->annotation;
        read.definition_time = at.reader->definition_time;
        read.from_import = at.reader->kind == python::ReaderKind::from_import && at.use.function == 0;
    } else if (const python::Reference* ref = reference_of(at, name)) {
        read.col = ref->col;
        read.annotation = ref->annotation;
        read.definition_time = ref->definition_time;
    }
    return {at.path != nullptr ? *at.path : own_file, at.use.line,
            at.use.function == 0 ? "" : at.facts->scopes[at.use.function].qualname, import_time_kind(read),
            name};
}

/// Every use that ran while a module was imported: module-level ones first (the
/// site's own file before others), then those in functions; by file, line,
/// function, kind and name.
std::vector<model::ImportTimeUse> import_time_uses(const UsageCapture& capture, const model::SiteUsage& row,
                                                   const std::vector<std::vector<UseAt>>& lines_of_name,
                                                   const std::string& own_file, bool names_are_modules) {
    std::vector<model::ImportTimeUse> uses;
    for (size_t n = 0; n < lines_of_name.size(); ++n)
        for (const UseAt& at : lines_of_name[n])
            if (ran(capture.import_lines, at.traced, at.use.line))
                uses.push_back(import_time_use(at, row.names[n], own_file, names_are_modules));
    auto rank = [&](const model::ImportTimeUse& use) {
        return std::make_tuple(!use.function.empty(), use.file != own_file, std::cref(use.file), use.line,
                               std::cref(use.function), use.kind, std::cref(use.name));
    };
    std::sort(uses.begin(), uses.end(), [&](const model::ImportTimeUse& a, const model::ImportTimeUse& b) {
        return rank(a) < rank(b);
    });
    uses.erase(std::unique(uses.begin(), uses.end(),
                           [&](const model::ImportTimeUse& a, const model::ImportTimeUse& b) {
                               return rank(a) == rank(b);
                           }),
               uses.end());
    return uses;
}

}  // namespace

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
        row.output = invocation.output;
        usage.invocations.push_back(std::move(row));
    }

    std::set<std::string> project_packages;
    for (const ProjectFile& file : inputs.files)
        if (!file.module.empty())
            project_packages.insert(python::top_level_package(file.module));

    // The files that `from <module> import *` at module level, by module.
    std::map<std::string, std::vector<StarImporter>> star_importers;
    for (const ProjectFile& file : inputs.files) {
        if (!file.traced)
            continue;
        bool is_package = file.path.ends_with("__init__.py");
        for (const python::ImportSite& site : file.facts->imports)
            if (site.star && site.scope == 0)
                star_importers[python::absolute_module(file.module, is_package, site.level, site.module)]
                    .push_back({file.path, *file.traced, file.facts, python::loads_by_name(*file.facts)});
    }

    const ProjectReaders readers(inputs.files);

    // Which invocations used each library: a set per library.
    std::map<std::string, std::vector<bool>> library_used;
    std::map<std::string, size_t> library_sites;
    for (size_t index = 0; index < inputs.files.size(); ++index) {
        const ProjectFile& file = inputs.files[index];
        if (file.fast_path && !file.traced)
            continue;  // not its own subject
        const python::FileFacts& facts = *file.facts;
        bool is_package = file.path.ends_with("__init__.py");
        python::LoadsByName loads = python::loads_by_name(facts);
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
                row.statement = python::import_statement_text(part);
                row.module = part.is_from
                                 ? python::absolute_module(file.module, is_package, part.level, part.module)
                                 : part.names.front().name;
                row.library = python::top_level_package(row.module);
                row.scope = part.scope == 0 ? "<module>" : facts.scopes[part.scope].qualname;
                row.guard = python::guard_name(part.guard);
                row.star = part.star;
                for (const python::ImportedName& name : part.names)
                    if (name.name != "*")
                        row.names.push_back(python::bound_name(part, name));
                // Uses in this file, in the files that `from <this module> import *`, and reads
                // of the binding in other files.
                std::vector<std::vector<UseAt>> lines_of_name;
                for (const std::string& name : row.names) {
                    std::vector<UseAt> uses;
                    if (file.traced)
                        for (python::NameUse use : python::uses_of_import(facts, loads, part, name))
                            uses.push_back({*file.traced, &facts, nullptr, use, {}});
                    if (part.scope == 0 && python::star_exports(facts, name))
                        for (const StarImporter& importer : star_importers[file.module])
                            for (python::NameUse use :
                                 python::unbound_uses(*importer.facts, importer.loads, name))
                                uses.push_back({importer.traced, importer.facts, &importer.path, use, {}});
                    // Reads of the binding elsewhere: `pkg.name`, `from pkg import name`.
                    if (part.scope == 0 && !part.star)
                        for (ReaderUse& reader : readers.uses(index, name)) {
                            const ProjectFile& other = inputs.files[reader.file];
                            python::NameUse at = reader.use;
                            uses.push_back({*other.traced, other.facts, &other.path, at, std::move(reader)});
                        }
                    lines_of_name.push_back(std::move(uses));
                }
                row.name_used.assign(row.names.size(), 0);
                std::vector<bool>& used_by = library_used[row.library];
                used_by.resize(capture.invocations.size());
                library_sites[row.library] += 1;
                for (size_t i = 0; i < capture.invocations.size(); ++i) {
                    const std::vector<LineKey>& ran_lines = capture.invocations[i].lines;
                    bool used = false;
                    for (size_t n = 0; n < row.names.size(); ++n)
                        if (std::any_of(lines_of_name[n].begin(), lines_of_name[n].end(),
                                        [&](const UseAt& at) {
                                            return ran(ran_lines, at.traced, at.use.line) &&
                                                   !at_import_only(capture, at);
                                        })) {
                            row.name_used[n] += 1;
                            used = true;
                        }
                    if (!used)
                        continue;
                    row.used += 1;
                    row.used_in.push_back(capture.invocations[i].number);
                    used_by[i] = true;
                }
                row.import_time_uses =
                    import_time_uses(capture, row, lines_of_name, file.path, !part.is_from);
                if (!row.import_time_uses.empty()) {
                    const model::ImportTimeUse& first = row.import_time_uses.front();
                    row.import_time_line = first.line;
                    row.import_time_function = first.function;
                    if (first.file != file.path)
                        row.import_time_file = first.file;
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

// Readers of a binding in other files, as lines the tracer can see run.

#include "capture/reader_uses.hpp"

#include <algorithm>
#include <string_view>

#include "python/project_files.hpp"

namespace lmms::capture {

namespace {

bool has_prefix(std::string_view path, std::string_view prefix) {
    return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '.');
}

void add_prefixes(std::set<std::string, std::less<>>& into, std::string_view dotted) {
    for (size_t dot = dotted.find('.'); dot != std::string_view::npos; dot = dotted.find('.', dot + 1))
        into.emplace(dotted.substr(0, dot));
    into.emplace(dotted);
}

/// The load on `line` whose dotted path reads `target` (`pkg.Name`), and the
/// chain as written up to the binding (`pkg.Name`, or `pkg.sub.Name`).
std::optional<ReaderUse> attribute_use(const python::ProjectFile& reader, size_t file, uint32_t line,
                                       const std::string& target, python::ReaderKind kind) {
    const python::FileFacts& facts = *reader.facts;
    for (const python::Reference& ref : facts.references) {
        if (ref.line != line || ref.attributes.empty() || !python::is_runtime_load(ref))
            continue;
        std::string path = python::read_path(reader, ref);
        if (path.empty() || !has_prefix(path, target))
            continue;
        size_t bound = path.size() - ref.attributes.size() - 1;  // the part ref.name holds
        if (target.size() <= bound)
            continue;
        ReaderUse use;
        use.file = file;
        use.use = {line, python::enclosing_function(facts, ref.scope)};
        use.kind = kind;
        use.read =
            std::string(ref.name) + "." + std::string(ref.attributes.substr(0, target.size() - bound - 1));
        use.col = ref.col;
        use.annotation = ref.annotation;
        use.definition_time = ref.definition_time;
        return use;
    }
    return std::nullopt;
}

std::optional<ReaderUse> from_import_use(const python::ProjectFile& reader, size_t file, uint32_t line,
                                         const std::string& name) {
    for (const python::ImportSite& site : reader.facts->imports)
        if (site.is_from && site.line == line &&
            std::any_of(site.names.begin(), site.names.end(),
                        [&](const python::ImportedName& imported) { return imported.name == name; })) {
            ReaderUse use;
            use.file = file;
            use.use = {line, python::enclosing_function(*reader.facts, site.scope)};
            use.kind = python::ReaderKind::from_import;
            use.read = name;
            use.col = site.col;
            return use;
        }
    return std::nullopt;
}

}  // namespace

ProjectReaders::ProjectReaders(const std::vector<ProjectFile>& files) : files_(&files) {
    for (const ProjectFile& file : files) {
        project_.push_back({file.path, file.module, file.path.ends_with("__init__.py"), file.facts});
        if (file.facts == nullptr || !file.traced)
            continue;  // a file that never ran reads nothing
        bool is_package = project_.back().is_package;
        for (const python::ImportSite& site : file.facts->imports) {
            std::string module =
                site.is_from ? python::absolute_module(file.module, is_package, site.level, site.module) : "";
            if (site.is_from)
                reached_modules_.insert(module);
            for (const python::ImportedName& imported : site.names) {
                if (!site.is_from) {
                    add_prefixes(reached_modules_, imported.name);
                    continue;
                }
                read_names_.insert(imported.name);
                if (imported.name != "*")
                    reached_modules_.insert(module + "." + imported.name);
            }
        }
        for (const python::Reference& ref : file.facts->references) {
            std::string_view attributes = ref.attributes;
            for (size_t start = 0; start <= attributes.size() && !attributes.empty();) {
                size_t dot = std::min(attributes.find('.', start), attributes.size());
                read_names_.emplace(attributes.substr(start, dot - start));
                start = dot + 1;
            }
        }
    }
}

bool ProjectReaders::reached(std::string_view module) const {
    for (size_t end = module.find('.');; end = module.find('.', end + 1)) {
        if (reached_modules_.contains(module.substr(0, end)))
            return true;
        if (end == std::string_view::npos)
            return false;
    }
}

std::vector<ReaderUse> ProjectReaders::uses(size_t file, const std::string& name) const {
    std::vector<ReaderUse> uses;
    const std::string& module = project_[file].module;
    if (module.empty() || !read_names_.contains(name))
        return uses;
    if (!reached(module))
        return uses;
    std::string target = module + "." + name;
    for (const python::Reader& reader : python::readers_of(project_, file, name)) {
        if (reader.file == file || !(*files_)[reader.file].traced)
            continue;
        std::optional<ReaderUse> use;
        switch (reader.kind) {
            case python::ReaderKind::attribute:
            case python::ReaderKind::getattr:
                use = attribute_use(project_[reader.file], reader.file, reader.line, target, reader.kind);
                break;
            case python::ReaderKind::from_import:
                use = from_import_use(project_[reader.file], reader.file, reader.line, name);
                break;
            default:
                break;  // star imports: the builder reads their loads; `__all__` runs no line
        }
        if (use)
            uses.push_back(std::move(*use));
    }
    return uses;
}

}  // namespace lmms::capture

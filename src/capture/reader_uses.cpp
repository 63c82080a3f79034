// Readers of a binding in other files, as lines the tracer can see run.

#include "capture/reader_uses.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include "python/project_files.hpp"

namespace lmms::capture {

namespace {

bool has_prefix(std::string_view path, std::string_view prefix) {
    return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '.');
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
    for (const ProjectFile& file : files)
        project_.push_back({file.path, file.module, file.path.ends_with("__init__.py"), file.facts});
    for (size_t index = 0; index < files.size(); ++index) {
        const python::ProjectFile& reader = project_[index];
        if (reader.facts == nullptr || !files[index].traced)
            continue;  // a file that never ran reads nothing
        for (const python::ImportSite& site : reader.facts->imports) {
            if (!site.is_from)
                continue;
            std::string module =
                python::absolute_module(reader.module, reader.is_package, site.level, site.module);
            for (const python::ImportedName& imported : site.names)
                if (imported.name != "*")
                    read_paths_.insert(module + "." + imported.name);
        }
        for (const python::Reference& ref : reader.facts->references)
            if (!ref.attributes.empty() && python::is_runtime_load(ref))
                if (std::string path = python::read_path(reader, ref); !path.empty())
                    read_paths_.insert(std::move(path));
    }
}

bool ProjectReaders::read_elsewhere(const std::string& target) const {
    // No identifier character sorts before '.': the paths under target follow it.
    auto it = read_paths_.lower_bound(target);
    return it != read_paths_.end() && has_prefix(*it, target);
}

std::vector<ReaderUse> ProjectReaders::uses(size_t file, const std::string& name) const {
    std::vector<ReaderUse> uses;
    const std::string& module = project_[file].module;
    std::string target = module + "." + name;
    if (module.empty() || !read_elsewhere(target))
        return uses;
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

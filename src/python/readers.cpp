// Readers of a binding across the project, from each file's facts alone.

#include "python/readers.hpp"

#include <algorithm>

#include "python/bindings.hpp"
#include "python/project_files.hpp"

namespace lmms::python {

namespace {

Reader reader_at(const ProjectFile& reader, size_t file, uint32_t line, uint32_t scope, ReaderKind kind) {
    uint32_t function = enclosing_function(*reader.facts, scope);
    return {file, line, kind, function == 0,
            function == 0 ? std::string() : reader.facts->scopes[function].qualname};
}

/// The module a binding made by `site` holds for `imported`, or "" for a star.
std::string bound_module(const ProjectFile& reader, const ImportSite& site, const ImportedName& imported) {
    if (site.is_from)
        return absolute_module(reader.module, reader.is_package, site.level, site.module) + "." +
               imported.name;
    return imported.asname.empty() ? imported.name.substr(0, imported.name.find('.')) : imported.name;
}

bool has_prefix(std::string_view path, std::string_view prefix) {
    return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '.');
}

void from_imports(const std::vector<ProjectFile>& project, size_t own, size_t other, std::string_view name,
                  std::vector<Reader>& readers) {
    const ProjectFile& reader = project[other];
    const ProjectFile& module = project[own];
    for (const ImportSite& site : reader.facts->imports) {
        if (!site.is_from ||
            absolute_module(reader.module, reader.is_package, site.level, site.module) != module.module)
            continue;
        for (const ImportedName& imported : site.names) {
            if (imported.name == name)
                readers.push_back(reader_at(reader, other, site.line, site.scope, ReaderKind::from_import));
            else if (imported.name == "*" && star_exports(*module.facts, std::string(name)))
                readers.push_back(reader_at(reader, other, site.line, site.scope, ReaderKind::star_import));
        }
    }
}

/// `pkg.sub.name` / getattr(pkg.sub, "name") where pkg is bound by an import
/// of a module on the way to the binding's module.
void attribute_reads(const std::vector<ProjectFile>& project, size_t own, size_t other, std::string_view name,
                     std::vector<Reader>& readers) {
    const ProjectFile& reader = project[other];
    std::string target = project[own].module + "." + std::string(name);
    for (const Reference& ref : reader.facts->references) {
        if (ref.attributes.empty() || !is_runtime_load(ref))
            continue;
        std::string path = read_path(reader, ref);
        std::string_view bound = std::string_view(path).substr(0, path.size() - ref.attributes.size() - 1);
        if (path.empty() || !has_prefix(path, target) || !has_prefix(project[own].module, bound))
            continue;
        ReaderKind kind =
            ref.getattr && path.size() == target.size() ? ReaderKind::getattr : ReaderKind::attribute;
        readers.push_back(reader_at(reader, other, ref.line, ref.scope, kind));
    }
}

uint32_t all_line(const FileFacts& facts) {
    for (const Reference& ref : facts.references)
        if (ref.store && ref.scope == 0 && ref.name == "__all__")
            return ref.line;
    return 0;
}

/// importlib's _resolve_name: ".x" in package "a.b" -> "a.b.x", "..x" -> "a.x".
std::string dynamic_module(const ProjectFile& reader, const DynamicImport& site) {
    std::string_view module = site.module;
    size_t level = std::min(module.find_first_not_of('.'), module.size());
    if (level == 0)
        return std::string(module);
    std::string package;
    if (site.package == "__name__")
        package = reader.module;
    else if (site.package == "__package__")
        package = reader.is_package ? reader.module : reader.module.substr(0, reader.module.rfind('.'));
    else
        package = std::string(site.package);
    for (size_t up = 1; up < level && !package.empty(); ++up)
        package.resize(package.rfind('.') == std::string::npos ? 0 : package.rfind('.'));
    if (package.empty())
        return {};
    return module.size() == level ? package : package + "." + std::string(module.substr(level));
}

std::vector<Reader> sorted_unique(std::vector<Reader> readers) {
    std::sort(readers.begin(), readers.end());
    readers.erase(std::unique(readers.begin(), readers.end()), readers.end());
    return readers;
}

}  // namespace

const char* reader_kind_name(ReaderKind kind) {
    switch (kind) {
        case ReaderKind::from_import:
            return "from_import";
        case ReaderKind::attribute:
            return "attribute";
        case ReaderKind::getattr:
            return "getattr";
        case ReaderKind::star_import:
            return "star_import";
        case ReaderKind::all_export:
            return "all_export";
        case ReaderKind::dynamic_import:
            return "dynamic_import";
    }
    return "from_import";
}

std::string read_path(const ProjectFile& reader, const Reference& ref) {
    const FileFacts& facts = *reader.facts;
    int32_t binding = binding_scope(facts, ref.scope, ref.name);
    if (binding == k_unbound)
        return {};
    for (const ImportSite& site : facts.imports) {
        if (site.scope != static_cast<uint32_t>(binding))
            continue;
        for (const ImportedName& imported : site.names)
            if (imported.name != "*" && bound_name(site, imported) == ref.name) {
                std::string path = bound_module(reader, site, imported);
                return ref.attributes.empty() ? path : path + "." + std::string(ref.attributes);
            }
    }
    return {};
}

std::vector<Reader> readers_of(const std::vector<ProjectFile>& project, size_t file, std::string_view name) {
    std::vector<Reader> readers;
    const ProjectFile& own = project[file];
    if (own.facts == nullptr)
        return readers;
    if (own.facts->all &&
        std::find(own.facts->all->begin(), own.facts->all->end(), name) != own.facts->all->end())
        readers.push_back({file, all_line(*own.facts), ReaderKind::all_export, false, {}});
    if (own.module.empty())
        return readers;
    for (size_t other = 0; other < project.size(); ++other) {
        if (other == file || project[other].facts == nullptr)
            continue;
        from_imports(project, file, other, name, readers);
        attribute_reads(project, file, other, name, readers);
    }
    return sorted_unique(std::move(readers));
}

std::vector<Reader> readers_of_module(const std::vector<ProjectFile>& project, size_t file) {
    std::vector<Reader> readers;
    const std::string& module = project[file].module;
    if (module.empty())
        return readers;
    for (size_t other = 0; other < project.size(); ++other) {
        const ProjectFile& reader = project[other];
        if (other == file || reader.facts == nullptr)
            continue;
        for (const DynamicImport& site : reader.facts->dynamic_imports)
            if (dynamic_module(reader, site) == module)
                readers.push_back(
                    reader_at(reader, other, site.line, site.scope, ReaderKind::dynamic_import));
    }
    return sorted_unique(std::move(readers));
}

}  // namespace lmms::python

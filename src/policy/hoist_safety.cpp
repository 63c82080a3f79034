#include "policy/hoist_safety.hpp"

#include <algorithm>
#include <deque>
#include <set>

#include "python/bindings.hpp"
#include "python/project_files.hpp"

namespace lmms::policy {

ModuleImports::ModuleImports(const model::Profile& profile, const std::vector<ProjectModule>& files) {
    for (const model::ImportEdge& e : profile.edges)
        add(profile.at(e.from).name, profile.at(e.to).name);
    for (const ProjectModule& file : files) {
        if (file.module.empty() || file.facts == nullptr)
            continue;
        bool is_package = file.path.ends_with("__init__.py");
        for (const python::ImportSite& site : file.facts->imports) {
            if (python::enclosing_function(*file.facts, site.scope) != 0 || site.future)
                continue;
            if (!site.is_from) {
                for (const python::ImportedName& name : site.names)
                    add(file.module, name.name);
                continue;
            }
            std::string module = python::absolute_module(file.module, is_package, site.level, site.module);
            add(file.module, module);
            for (const python::ImportedName& name : site.names)
                if (name.name != "*")
                    add(file.module, module + "." + name.name);  // a submodule, when it is one
        }
    }
    for (auto& [from, to] : m_imports) {
        std::sort(to.begin(), to.end());
        to.erase(std::unique(to.begin(), to.end()), to.end());
    }
}

void ModuleImports::add(const std::string& from, const std::string& to) {
    if (!from.empty() && !to.empty() && from != to)
        m_imports[from].push_back(to);
}

std::vector<std::string> ModuleImports::cycle(const std::string& importer, const std::string& target) const {
    if (importer.empty() || target.empty())
        return {};
    if (target == importer)
        return {};
    // Breadth first from target: the first path back to importer is the shortest.
    std::map<std::string, std::string> came_from{{target, ""}};
    std::deque<std::string> queue{target};
    while (!queue.empty()) {
        std::string module = queue.front();
        queue.pop_front();
        auto it = m_imports.find(module);
        if (it == m_imports.end())
            continue;
        for (const std::string& next : it->second) {
            if (came_from.contains(next))
                continue;
            came_from.emplace(next, module);
            if (next == importer) {
                std::vector<std::string> chain;
                for (std::string at = next; !at.empty(); at = came_from.at(at))
                    chain.push_back(at);
                chain.push_back(importer);
                std::reverse(chain.begin(), chain.end());
                return chain;  // importer -> target -> ... -> importer
            }
            queue.push_back(next);
        }
    }
    return {};
}

std::vector<SourceLine> module_bindings(const ProjectModule& file, const python::ImportSite& site,
                                        const std::string& name) {
    const python::FileFacts& facts = *file.facts;
    if (facts.scopes.empty())
        return {};
    const std::vector<std::string_view>& bound = facts.scopes[0].bound;
    if (!std::binary_search(bound.begin(), bound.end(), std::string_view(name)))
        return {};
    // The same import at module level binds the same object: hoisting that is harmless.
    const python::ImportedName* mine = nullptr;
    for (const python::ImportedName& imported : site.names)
        if (python::bound_name(site, imported) == name)
            mine = &imported;
    std::set<uint32_t> lines, same;
    for (const python::ImportSite& other : facts.imports) {
        if (&other == &site || other.scope != 0)
            continue;
        for (const python::ImportedName& imported : other.names) {
            if (python::bound_name(other, imported) != name)
                continue;
            bool identical = mine != nullptr && other.is_from == site.is_from && other.level == site.level &&
                             other.module == site.module && imported.name == mine->name;
            (identical ? same : lines).insert(other.line);
        }
    }
    for (const python::Reference& ref : facts.references)
        if (ref.store && ref.scope == 0 && ref.name == name && !same.contains(ref.line))
            lines.insert(ref.line);
    for (const python::Scope& scope : facts.scopes)
        if (scope.parent == 0 && scope.name == name && scope.kind != python::ScopeKind::module)
            lines.insert(scope.line);
    if (lines.empty() && !same.empty())
        return {};
    std::vector<SourceLine> out;
    for (uint32_t line : lines)
        out.push_back({file.path, line, "", true, {}});
    if (out.empty())
        out.push_back({file.path, 0, "", true, {}});  // bound, by a statement the facts do not place
    return out;
}

}  // namespace lmms::policy

#include "python/bindings.hpp"

#include <algorithm>

namespace lmms::python {

namespace {

bool contains(const std::vector<std::string_view>& sorted, std::string_view name) {
    return std::binary_search(sorted.begin(), sorted.end(), name);
}

int32_t module_binding(const FileFacts& facts, std::string_view name) {
    return contains(facts.scopes[0].bound, name) ? 0 : k_unbound;
}

}  // namespace

int32_t binding_scope(const FileFacts& facts, uint32_t scope, std::string_view name) {
    if (scope >= facts.scopes.size())
        return k_unbound;
    const Scope& own = facts.scopes[scope];
    if (contains(own.globals, name))
        return module_binding(facts, name);
    bool nonlocal = contains(own.nonlocals, name);
    if (!nonlocal && contains(own.bound, name))
        return static_cast<int32_t>(scope);
    // A free name: the nearest enclosing function-like scope that binds it.
    for (int32_t at = own.parent; at > 0; at = facts.scopes[at].parent) {
        const Scope& enclosing = facts.scopes[at];
        if (enclosing.kind == ScopeKind::class_body)
            continue;  // class bodies do not enclose the functions inside them
        if (contains(enclosing.globals, name))
            return module_binding(facts, name);
        if (contains(enclosing.bound, name))
            return at;
    }
    return nonlocal ? k_unbound : module_binding(facts, name);
}

namespace {

std::vector<NameUse> sorted_unique(std::vector<NameUse> uses) {
    std::sort(uses.begin(), uses.end());
    uses.erase(std::unique(uses.begin(), uses.end()), uses.end());
    return uses;
}

}  // namespace

uint32_t enclosing_function(const FileFacts& facts, uint32_t scope) {
    for (int32_t at = static_cast<int32_t>(scope); at > 0; at = facts.scopes[at].parent) {
        ScopeKind kind = facts.scopes[at].kind;
        if (kind == ScopeKind::function || kind == ScopeKind::lambda)
            return static_cast<uint32_t>(at);
    }
    return 0;
}

LoadsByName loads_by_name(const FileFacts& facts) {
    LoadsByName loads;
    for (const Reference& ref : facts.references)
        if (is_runtime_load(ref))
            loads[ref.name].push_back(&ref);
    return loads;
}

std::vector<NameUse> uses_of_import(const FileFacts& facts, const LoadsByName& loads, const ImportSite& site,
                                    const std::string& name) {
    std::vector<NameUse> uses;
    auto it = loads.find(name);
    if (it == loads.end())
        return uses;
    int32_t binding = binding_scope(facts, site.scope, name);
    if (binding == k_unbound)
        binding = 0;  // `global x` with no module-level binding but this import
    for (const Reference* ref : it->second)
        if (binding_scope(facts, ref->scope, ref->name) == binding)
            uses.push_back({ref->line, enclosing_function(facts, ref->scope)});
    return sorted_unique(std::move(uses));
}

std::vector<NameUse> unbound_uses(const FileFacts& facts, const LoadsByName& loads, const std::string& name) {
    std::vector<NameUse> uses;
    auto it = loads.find(name);
    if (it == loads.end())
        return uses;
    for (const Reference* ref : it->second)
        if (binding_scope(facts, ref->scope, ref->name) == k_unbound)
            uses.push_back({ref->line, enclosing_function(facts, ref->scope)});
    return sorted_unique(std::move(uses));
}

bool star_exports(const FileFacts& module, const std::string& name) {
    if (module.all)
        return std::find(module.all->begin(), module.all->end(), name) != module.all->end();
    return !name.starts_with("_");
}

}  // namespace lmms::python

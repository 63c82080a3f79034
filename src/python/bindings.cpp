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

}  // namespace lmms::python

#include "python/dynamic_imports.hpp"

#include "python/bindings.hpp"
#include "python/expression_facts.hpp"

namespace lmms::python {

namespace {

/// import_module's `package`: its second positional argument or keyword, a
/// literal or `__name__` / `__package__`.
std::string_view package_argument(const Tree& tree, std::span<const NodeId> children) {
    std::string_view package;
    for (size_t i = 2; i < children.size(); ++i) {
        NodeId value = children[i];
        if (tree[value].kind == NodeKind::keyword) {
            if (tree[value].text != "package" || tree[value].child_count != 1)
                continue;
            value = tree.children(value)[0];
        } else if (i != 2) {
            continue;
        }
        if (auto literal = plain_string(tree, value))
            package = *literal;
        else if (tree[value].kind == NodeKind::name &&
                 (tree[value].text == "__name__" || tree[value].text == "__package__"))
            package = tree[value].text;
    }
    return package;
}

/// Whether the binding of `name` a load in `scope` reads is made by `from
/// <from_module> import <imported>`, or `import <imported>...` when from_module is empty.
bool bound_by_import(const FileFacts& facts, uint32_t scope, std::string_view name,
                     std::string_view from_module, std::string_view imported) {
    int32_t binding = binding_scope(facts, scope, name);
    if (binding == k_unbound)
        return false;
    for (const ImportSite& site : facts.imports) {
        if (site.scope != static_cast<uint32_t>(binding) || site.is_from != !from_module.empty() ||
            (site.is_from && (site.level != 0 || site.module != from_module)))
            continue;
        for (const ImportedName& entry : site.names)
            if (bound_name(site, entry) == name &&
                std::string_view(entry.name).substr(0, entry.name.find('.')) == imported)
                return true;
    }
    return false;
}

}  // namespace

std::optional<DynamicImportCall> dynamic_import_call(const Tree& tree, NodeId call, uint32_t scope) {
    auto children = tree.children(call);
    const Node& callee = tree[children[0]];
    Importer importer = Importer::builtin;
    if (callee.kind == NodeKind::attribute) {
        NodeId owner = tree.children(children[0])[0];
        if (tree[owner].kind != NodeKind::name || tree[owner].text != "importlib")
            return std::nullopt;
        importer = Importer::importlib_attribute;
    } else if (callee.text == "import_module") {
        importer = Importer::import_module;
    }
    auto module = children.size() >= 2 ? plain_string(tree, children[1]) : std::nullopt;
    if (!module || module->empty())
        return std::nullopt;
    DynamicImportCall found{{callee.line, callee.col, scope, *module, {}}, importer};
    if (importer != Importer::builtin)
        found.site.package = package_argument(tree, children);
    return found;
}

bool calls_an_importer(const FileFacts& facts, const DynamicImportCall& call) {
    switch (call.importer) {
        case Importer::builtin:
            return binding_scope(facts, call.site.scope, "__import__") == k_unbound;
        case Importer::import_module:
            return bound_by_import(facts, call.site.scope, "import_module", "importlib", "import_module");
        case Importer::importlib_attribute:
            return bound_by_import(facts, call.site.scope, "importlib", "", "importlib");
    }
    return false;
}

}  // namespace lmms::python

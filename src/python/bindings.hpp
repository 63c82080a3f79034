#pragma once
/// Which binding a name reads (pure): the scope whose binding of the name a
/// load in a given scope sees, as CPython's compiler resolves it (local,
/// `global`, `nonlocal`, enclosing functions, class bodies invisible to the
/// functions inside them, then the module).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "python/facts.hpp"

namespace lmms::python {

inline constexpr int32_t k_unbound = -1;  ///< a global no scope of the file binds, or a builtin

/// The index in facts.scopes of the scope whose binding of `name` a load in
/// `scope` reads, or k_unbound.
int32_t binding_scope(const FileFacts& facts, uint32_t scope, std::string_view name);

/// The name an imported name binds: `import a.b` -> "a", `import a.b as c`
/// -> "c", `from m import x` -> "x".
inline std::string bound_name(const ImportSite& site, const ImportedName& name) {
    if (!name.asname.empty())
        return name.asname;
    return site.is_from ? name.name : name.name.substr(0, name.name.find('.'));
}

/// Whether a reference reads its name when its statement runs: a load, and
/// not in an annotation nothing evaluates (postponed, or a local variable's).
inline bool is_runtime_load(const Reference& ref) {
    return !ref.store && (!ref.annotation || ref.annotation_use == AnnotationUse::evaluated ||
                          ref.annotation_use == AnnotationUse::consumer);
}

/// The innermost function (or lambda) scope holding `scope`, or 0 when it runs
/// with its module: module level, a class body, a comprehension there.
uint32_t enclosing_function(const FileFacts& facts, uint32_t scope);

/// A file's loads, grouped by name, so each import looks only at its own names.
using LoadsByName = std::unordered_map<std::string_view, std::vector<const Reference*>>;
LoadsByName loads_by_name(const FileFacts& facts);

struct NameUse {
    uint32_t line = 0;
    uint32_t function = 0;  ///< enclosing_function of the load: 0 when it runs with the module
    auto operator<=>(const NameUse&) const = default;  // NOLINT(modernize-use-nullptr): tidy 14 misreads <=>
};

/// The lines that load `name` through the binding `site` made, sorted, one per
/// (line, function). Annotations nothing evaluates (is_runtime_load) are not loads.
std::vector<NameUse> uses_of_import(const FileFacts& facts, const LoadsByName& loads, const ImportSite& site,
                                    const std::string& name);

/// The loads of `name` in a file that binds it nowhere, in no scope: in a
/// file with `from m import *`, those read m's binding (or a builtin).
std::vector<NameUse> unbound_uses(const FileFacts& facts, const LoadsByName& loads, const std::string& name);

/// Whether `from <module> import *` brings `name`: in its `__all__` when it
/// has a literal one, else any name not starting with an underscore.
bool star_exports(const FileFacts& module, const std::string& name);

}  // namespace lmms::python

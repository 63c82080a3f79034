#pragma once
/// What an import-time use does with an imported name (pure): from the
/// module-level statement that holds the read and the reference's flags.

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/usage.hpp"
#include "python/module_statements.hpp"

namespace lmms::capture {

/// One read of an imported name that ran while a module was being imported.
struct ImportTimeRead {
    std::string_view name;  ///< the name the import binds: `plotlib`, `Fernet`
    uint32_t line = 0, col = 0;
    /// The file holding the read: its own, or one that imports from the site's module.
    const std::vector<python::ModuleStatement>* statements = nullptr;
    bool name_is_module = false;   ///< bound by `import x`, not `from m import x`: a module, no registry
    bool in_function = false;      ///< the read is in a function (or lambda) that ran while importing
    bool annotation = false;       ///< python::Reference::annotation (an evaluated one)
    bool definition_time = false;  ///< python::Reference::definition_time
    bool from_import = false;      ///< another module's module-level `from <module> import name`
};

/// The kind, by the first rule that holds:
///  from_import; call (in a function); feature_flag (in the test of an
///  enclosing module-level `if`); by the innermost statement: def ->
///  registration (a decorator that calls an attribute: `@app.route("/")`,
///  unless of a module: `@functools.lru_cache()` is a decorator),
///  decorator, default_argument, annotation; class -> registration,
///  decorator, base_class, else class_body; bare call -> configuring_call
///  (`name.attr(...)`), else registration (`register(...)`, `add(name)`);
///  assignment -> annotation (its annotation), module_object (the value is
///  a call); then feature_flag for what is left inside a try that catches
///  ImportError; other.
model::ImportTimeKind import_time_kind(const ImportTimeRead& read);

}  // namespace lmms::capture

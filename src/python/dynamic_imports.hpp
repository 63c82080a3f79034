#pragma once
/// Calls that import a module named by a string literal (pure):
/// `importlib.import_module("m")`, `import_module("m")` after `from
/// importlib import import_module`, `__import__("m")`. Found in the tree
/// while the analysis walks it, confirmed once the file's bindings are known
/// (a local `def import_module` is not importlib's).

#include <optional>

#include "python/ast.hpp"
#include "python/facts.hpp"

namespace lmms::python {

enum class Importer : uint8_t { import_module, importlib_attribute, builtin };

struct DynamicImportCall {
    DynamicImport site;
    Importer importer = Importer::builtin;  ///< how the callee is written
};

/// The call `call` (callee named import_module or __import__) in `scope`, when
/// its module is a plain string literal.
std::optional<DynamicImportCall> dynamic_import_call(const Tree& tree, NodeId call, uint32_t scope);

/// Whether the callee reads importlib's function or the builtin (facts' scopes complete).
bool calls_an_importer(const FileFacts& facts, const DynamicImportCall& call);

}  // namespace lmms::python

#pragma once
/// Who reads a module-level binding of a project file from elsewhere in the
/// project (pure): `from <module> import name`, `pkg.sub.name` after `import
/// pkg.sub`, `getattr(module, "name")`, `from <module> import *`, the file's
/// own `__all__` (public API: a reader outside the project), and
/// `importlib.import_module("<module>")` for the module itself.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "python/facts.hpp"

namespace lmms::python {

struct ProjectFile {
    std::string path;         ///< project-relative, '/'-separated
    std::string module;       ///< dotted ("pkg.sub"); empty when the file is not importable
    bool is_package = false;  ///< an `__init__.py`: relative imports start at the module itself
    const FileFacts* facts = nullptr;
};

enum class ReaderKind : uint8_t { from_import, attribute, getattr, star_import, all_export, dynamic_import };

/// The kind as the JSON outputs name it ("from_import", ...).
const char* reader_kind_name(ReaderKind kind);

struct Reader {
    size_t file = 0;  ///< index into the project
    uint32_t line = 0;
    ReaderKind kind = ReaderKind::from_import;
    /// Runs while the reading module is imported (module level or a class body
    /// there), not when a function is called. `__all__` is not: its readers are outside.
    bool import_time = false;
    std::string function;  ///< the enclosing function's qualname; empty at module level
    auto operator<=>(const Reader&) const = default;
};

/// Every reader of the module-level binding `name` of project[file] in the
/// other files (and its `__all__`), sorted by file, line, kind, function.
std::vector<Reader> readers_of(const std::vector<ProjectFile>& project, size_t file, std::string_view name);

/// Every `importlib.import_module` / `__import__` of project[file]'s module
/// in the other files (relative names resolved), sorted.
std::vector<Reader> readers_of_module(const std::vector<ProjectFile>& project, size_t file);

/// The dotted path a load reads: its binding's module (`import a.b` binds
/// "a"; `from m import x` binds "m.x"; relative imports resolved) followed by
/// its attributes; empty when the name is not bound by an import.
std::string read_path(const ProjectFile& reader, const Reference& ref);

}  // namespace lmms::python

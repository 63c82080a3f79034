#pragma once
/// The lines of other project files that read an import's binding (pure):
/// `pkg.Name` / `getattr(pkg, "Name")` after `import pkg`, and `from pkg
/// import Name`, resolved to the binding by python::readers_of. Star imports
/// and `__all__` are left out: the builder follows star importers' loads itself,
/// and `__all__` runs no line.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "capture/usage_builder.hpp"
#include "python/bindings.hpp"
#include "python/readers.hpp"

namespace lmms::capture {

/// One line of another file that reads a binding of a site's file.
struct ReaderUse {
    size_t file = 0;  ///< index into UsageInputs::files
    python::NameUse use;
    python::ReaderKind kind = python::ReaderKind::attribute;
    /// What the line reads, as written there: `pkg.Name` for an attribute read
    /// (the import-time classifier sees this chain as the name), the name for a from-import.
    std::string read;
    uint32_t col = 0;
    bool annotation = false;
    bool definition_time = false;
};

/// The readers of every binding of the project, built once per capture.
class ProjectReaders {
public:
    explicit ProjectReaders(const std::vector<ProjectFile>& files);

    /// The reads of project file `file`'s module-level binding `name` in the
    /// other traced files, sorted by file, line and function.
    std::vector<ReaderUse> uses(size_t file, const std::string& name) const;

private:
    /// Whether some traced file reads `target` ("pkg.Name") or below it: then
    /// readers_of, which walks the whole project, is worth asking.
    bool read_elsewhere(const std::string& target) const;

    const std::vector<ProjectFile>* files_;
    std::vector<python::ProjectFile> project_;
    /// Every dotted path a traced file reads through an import (python::read_path)
    /// or from-imports: a binding whose path is not among them is not searched.
    std::set<std::string> read_paths_;
};

}  // namespace lmms::capture

#pragma once
/// Who reads a plan row's names from elsewhere in the project, and what that
/// decides (pure; TRAPS.md A.1-A.4, issue 15 §1). A module-level
/// `from F import name` in a file on the cold path is an import-time use of
/// F's site: the row cannot move. Any other reader (`pkg.name`, a
/// function-level from-import, `getattr(pkg, "name")`, `__all__`, a star
/// import) would break if the import moved into F's functions: the row is
/// never lazy by function style, and gets the module `__getattr__` remedy
/// (PEP 562) instead. Nothing here ever proposes removing an import.

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "policy/lazy_set.hpp"
#include "policy/plan.hpp"
#include "python/readers.hpp"

namespace lmms::policy {

struct Draft;  // policy/plan_rows.hpp

/// One reader of a row's names, with its file resolved.
struct NameReader {
    std::string file;    ///< project-relative
    std::string module;  ///< dotted; empty when the file is not importable
    std::string name;    ///< the name it reads
    uint32_t line = 0;
    python::ReaderKind kind = python::ReaderKind::from_import;
    bool import_time = false;
    std::string function;
};

/// The project as python::readers_of needs it, built once per plan.
class ProjectReaders {
public:
    explicit ProjectReaders(const std::vector<ProjectModule>& files);
    /// Every reader of `names` (module-level bindings of `file`), by file, line, kind.
    std::vector<NameReader> of(const ProjectModule& file, const std::vector<std::string>& names) const;

private:
    std::vector<python::ProjectFile> m_project;
    std::unordered_map<const python::FileFacts*, size_t> m_index;
};

/// Whether `module` is on the cold path once the plan is applied.
using OnColdPathAfter = std::function<bool(const std::string& module)>;

/// The readers that read the row at import time on the final cold path:
/// module-level from-imports (and star imports) in files that stay on it.
std::vector<NameReader> import_time_readers(const std::vector<NameReader>& readers,
                                            const OnColdPathAfter& on_cold_path_after);

/// `cli.py:12`, `pkg/__init__.py:3` (the `__all__`), ...
std::string reader_location(const NameReader& reader);

/// The module `__getattr__` remedy for a row read elsewhere (none are at import
/// time on the final cold path). `read_in_own_file`: a function or statement
/// of the row's file reads a name. `saving_ms`: what would leave the cold path.
Remedy getattr_remedy(const PlanItem& item, const ProjectModule& own, const std::vector<NameReader>& readers,
                      bool read_in_own_file, double saving_ms);

/// Whether a function or a module-level statement of the row's own file reads
/// one of its names (then a module `__getattr__` cannot defer it: by hand).
bool read_in_own_file(const Draft& draft);

/// Decides a module-level row that would be lazy and that other files read
/// (draft.readers): cannot_move, blocked by the import-time readers on the
/// final cold path, or else with the module `__getattr__` remedy.
void classify_read_elsewhere(Draft& draft, const DecisionPrice& price,
                             const OnColdPathAfter& on_cold_path_after);

}  // namespace lmms::policy

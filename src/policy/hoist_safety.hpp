#pragma once
/// What makes hoisting a function-level import unsafe (pure): an import cycle
/// it would close, or a module-level binding of the same name it would
/// overwrite or be overwritten by.

#include <map>
#include <string>
#include <vector>

#include "model/profile.hpp"
#include "policy/plan.hpp"
#include "policy/reason.hpp"
#include "python/scan.hpp"

namespace lmms::policy {

/// Module-level imports by module name: the profile's recorded edges, the
/// project's own module-level import statements (an edge the profile may not
/// have recorded).
class ModuleImports {
public:
    ModuleImports(const model::Profile& profile, const std::vector<ProjectModule>& files);

    /// The chain `importer -> target -> ... -> importer` that importing
    /// `target` at module level of `importer` would close; empty when none.
    /// Shortest chain; ties broken by module name.
    std::vector<std::string> cycle(const std::string& importer, const std::string& target) const;

private:
    void add(const std::string& from, const std::string& to);

    std::map<std::string, std::vector<std::string>> m_imports;  ///< sorted, unique
};

/// The module-level lines of `file` that bind `name` (an assignment, a def or
/// class, another import), `site` itself left out; sorted by line. Empty when
/// the module scope does not bind it.
std::vector<SourceLine> module_bindings(const ProjectModule& file, const python::ImportSite& site,
                                        const std::string& name);

}  // namespace lmms::policy

#pragma once
/// The fast-path action on the entry (pure): its module-level imports that
/// the fast path lists are replaced by one import of their names from the
/// fast-path module, at the place of the first (LMMS-DEC-04).

#include <set>
#include <string>
#include <vector>

#include "fix/site_fix.hpp"

namespace lmms::fix {

struct FastPathRoute {
    std::vector<std::string> statements;  ///< the entry's statements the fast path takes over
    std::string fast_path_module;         ///< dotted: `app.fast_path`
    std::set<std::string> exported;       ///< the names the fast path's file binds
};

/// One SiteFix for the whole entry; refused when a statement is not there as
/// a statement of its own, or the fast path would not bind one of its names.
/// Unsafe when other module-level code runs between the first and the last
/// (a configuring call must keep its place among the imports: TRAPS.md 5).
SiteFix route_through_fast_path(const FileView& entry, const FastPathRoute& route);

/// The names a fast-path file binds at module level.
std::set<std::string> module_level_names(const python::FileFacts& facts);

}  // namespace lmms::fix

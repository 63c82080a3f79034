#pragma once
/// `lmms scan` output (pure): text lists import sites, JSON holds every fact.

#include <iosfwd>
#include <string>

#include "python/scan.hpp"

namespace lmms::report {

inline constexpr int k_scan_schema_version = 1;

/// `import a.b as c` / `from ..m import x as y, z`, normalized.
std::string import_statement_text(const python::ImportSite& site);

/// `<module>` or the qualname of the scope an import sits in, with its guard.
std::string import_scope_text(const python::FileFacts& facts, const python::ImportSite& site);

std::string scan_to_text(const python::ScanResult& result);
void write_scan_json(const python::ScanResult& result, bool with_references, std::ostream& out);

}  // namespace lmms::report

#pragma once
/// `lmms scan` output (pure): text lists import sites, JSON holds every fact.

#include <iosfwd>
#include <string>

#include "python/scan.hpp"
#include "python/statement_text.hpp"

namespace lmms::report {

inline constexpr int k_scan_schema_version = 1;

/// Moved to python/statement_text.hpp; this name stays for code not yet moved over.
using python::import_statement_text;

/// `<module>` or the qualname of the scope an import sits in, with its guard.
std::string import_scope_text(const python::FileFacts& facts, const python::ImportSite& site);

std::string scan_to_text(const python::ScanResult& result);
void write_scan_json(const python::ScanResult& result, bool with_references, std::ostream& out);

}  // namespace lmms::report

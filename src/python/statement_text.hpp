#pragma once
/// How LMMS spells an import statement: the key that joins the scanner's
/// sites with the profile's, the usage's and the fixer's.

#include <string>

#include "python/scan.hpp"

namespace lmms::python {

/// `import a.b as c` / `from ..m import x as y, z`, normalized.
std::string import_statement_text(const ImportSite& site);

}  // namespace lmms::python

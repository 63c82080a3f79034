#include "python/statement_text.hpp"

#include <fmt/format.h>

namespace lmms::python {

std::string import_statement_text(const ImportSite& site) {
    std::string names;
    for (const ImportedName& name : site.names) {
        if (!names.empty())
            names += ", ";
        names += name.name;
        if (!name.asname.empty())
            names += " as " + name.asname;
    }
    if (!site.is_from)
        return "import " + names;
    return fmt::format("from {}{} import {}", std::string(site.level, '.'), site.module, names);
}

}  // namespace lmms::python

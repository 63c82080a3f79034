#include "capture/site_statements.hpp"

#include <map>

#include "base/files.hpp"
#include "python/facts.hpp"
#include "python/statement_text.hpp"

namespace lmms::capture {

void attach_statements(model::Profile& profile, const std::filesystem::path& project_dir) {
    std::map<std::string, python::FileFacts> scanned;
    for (model::ImportSite& site : profile.sites) {
        auto [it, fresh] = scanned.try_emplace(site.file);
        if (fresh)
            if (auto text = base::read_file(project_dir / site.file))
                it->second = python::scan_source(*text);
        for (const python::ImportSite& import : it->second.imports)
            if (import.line <= site.line && site.line <= import.end_line)
                site.statement = python::import_statement_text(import);
    }
}

}  // namespace lmms::capture

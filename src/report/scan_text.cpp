#include <fmt/format.h>

#include "report/scan_report.hpp"

namespace lmms::report {

using python::Guard;
using python::ImportSite;

namespace {

std::string_view guard_text(Guard guard) {
    switch (guard) {
        case Guard::type_checking:
            return " [TYPE_CHECKING]";
        case Guard::try_import_error:
            return " [try/except ImportError]";
        case Guard::conditional:
            return " [conditional]";
        case Guard::with_block:
            return " [with]";
        case Guard::none:
            break;
    }
    return "";
}

}  // namespace

std::string import_scope_text(const python::FileFacts& facts, const ImportSite& site) {
    const python::Scope& scope = facts.scopes[site.scope];
    std::string where = site.scope == 0 ? "<module>" : scope.qualname;
    return where + std::string(guard_text(site.guard));
}

std::string scan_to_text(const python::ScanResult& result) {
    std::string out;
    for (const python::ScannedFile& file : result.files)
        for (const ImportSite& site : file.facts.imports)
            out += fmt::format("{}:{}:{}  {}  {}\n", file.path, site.line, site.col + 1,
                               import_scope_text(file.facts, site), import_statement_text(site));
    const python::ScanSummary& summary = result.summary;
    double seconds = static_cast<double>(summary.elapsed.count()) / 1e6;
    out += fmt::format(
        "\n{} files, {} lines, {} import sites ({} at module level); {:.1f} MB in {:.0f} ms{}\n",
        summary.files, summary.lines, summary.import_sites, summary.module_level_imports,
        static_cast<double>(summary.bytes) / 1e6, seconds * 1000,
        summary.files_with_errors == 0 ? ""
                                       : fmt::format("; files with errors: {}", summary.files_with_errors));
    return out;
}

}  // namespace lmms::report

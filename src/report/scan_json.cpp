#include <nlohmann/json.hpp>

#include "report/scan_report.hpp"

namespace lmms::report {

using Json = nlohmann::ordered_json;

namespace {

const char* scope_kind_text(python::ScopeKind kind) {
    switch (kind) {
        case python::ScopeKind::module:
            return "module";
        case python::ScopeKind::function:
            return "function";
        case python::ScopeKind::lambda:
            return "lambda";
        case python::ScopeKind::class_body:
            return "class";
        case python::ScopeKind::comprehension:
            return "comprehension";
    }
    return "module";
}

const char* guard_name(python::Guard guard) {
    switch (guard) {
        case python::Guard::none:
            return "none";
        case python::Guard::type_checking:
            return "type_checking";
        case python::Guard::try_import_error:
            return "try_import_error";
        case python::Guard::conditional:
            return "conditional";
        case python::Guard::with_block:
            return "with";
    }
    return "none";
}

Json import_json(const python::FileFacts& facts, const python::ImportSite& site) {
    Json names = Json::array();
    for (const python::ImportedName& name : site.names)
        names.push_back(
            {{"name", name.name}, {"asname", name.asname.empty() ? Json(nullptr) : Json(name.asname)}});
    return Json{{"line", site.line},
                {"col", site.col},
                {"end_line", site.end_line},
                {"end_col", site.end_col},
                {"kind", site.is_from ? "from" : "import"},
                {"module", site.module},
                {"level", site.level},
                {"names", names},
                {"star", site.star},
                {"future", site.future},
                {"scope", site.scope},
                {"scope_name", site.scope == 0 ? "<module>" : facts.scopes[site.scope].qualname},
                {"guard", guard_name(site.guard)},
                {"statement", import_statement_text(site)}};
}

Json scope_json(const python::Scope& scope) {
    return Json{{"kind", scope_kind_text(scope.kind)},
                {"name", scope.name},
                {"qualname", scope.qualname},
                {"line", scope.line},
                {"end_line", scope.end_line},
                {"parent", scope.parent < 0 ? Json(nullptr) : Json(scope.parent)},
                {"parameters", scope.parameters},
                {"bound", scope.bound},
                {"referenced", scope.referenced},
                {"global", scope.globals},
                {"nonlocal", scope.nonlocals}};
}

Json file_json(const python::ScannedFile& file, bool with_references) {
    const python::FileFacts& facts = file.facts;
    Json errors = Json::array();
    if (!file.read_error.empty())
        errors.push_back({{"line", 0}, {"col", 0}, {"message", file.read_error}});
    for (const python::SourceError& error : facts.errors)
        errors.push_back({{"line", error.line}, {"col", error.col}, {"message", error.message}});
    Json json{{"path", file.path},
              {"encoding", facts.encoding},
              {"lines", facts.line_count},
              {"errors", errors},
              {"future_annotations", facts.future_annotations},
              {"all", facts.all ? Json(*facts.all) : Json(nullptr)}};
    json["imports"] = Json::array();
    for (const python::ImportSite& site : facts.imports)
        json["imports"].push_back(import_json(facts, site));
    json["scopes"] = Json::array();
    for (const python::Scope& scope : facts.scopes)
        json["scopes"].push_back(scope_json(scope));
    if (with_references) {
        json["references"] = Json::array();
        for (const python::Reference& ref : facts.references)
            json["references"].push_back({{"name", ref.name},
                                          {"line", ref.line},
                                          {"col", ref.col},
                                          {"scope", ref.scope},
                                          {"store", ref.store},
                                          {"annotation", ref.annotation},
                                          {"definition_time", ref.definition_time}});
    }
    return json;
}

}  // namespace

std::string scan_to_json(const python::ScanResult& result, bool with_references) {
    Json json;
    json["schema_version"] = k_scan_schema_version;
    json["files"] = Json::array();
    for (const python::ScannedFile& file : result.files)
        json["files"].push_back(file_json(file, with_references));
    const python::ScanSummary& summary = result.summary;
    json["summary"] = {{"files", summary.files},
                       {"lines", summary.lines},
                       {"bytes", summary.bytes},
                       {"import_sites", summary.import_sites},
                       {"module_level_imports", summary.module_level_imports},
                       {"files_with_errors", summary.files_with_errors},
                       {"elapsed_us", summary.elapsed.count()}};
    return json.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace lmms::report

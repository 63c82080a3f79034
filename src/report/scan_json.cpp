#include <algorithm>
#include <iterator>
#include <ostream>

#include <fmt/format.h>
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
                {"guard", python::guard_name(site.guard)},
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

Json file_json(const python::ScannedFile& file) {
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
    return json;
}

std::string dump(const Json& json) {
    return json.dump(1, ' ', false, Json::error_handler_t::replace);
}

/// A name as a JSON string. Identifiers need no escaping; bytes of a file
/// that is not valid UTF-8 are replaced, as everywhere else in the output.
void append_name(std::string& out, std::string_view name) {
    bool ascii =
        std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) {
        out += Json(std::string(name)).dump(-1, ' ', false, Json::error_handler_t::replace);
        return;
    }
    out += '"';
    out += name;
    out += '"';
}

/// References are the bulk of the output: one per line, written directly.
void append_references(std::string& out, const python::FileFacts& facts) {
    out += ",\n \"references\": [";
    const char* separator = "\n  ";
    for (const python::Reference& ref : facts.references) {
        out += separator;
        separator = ",\n  ";
        out += "{\"name\": ";
        append_name(out, ref.name);
        fmt::format_to(std::back_inserter(out),
                       ", \"line\": {}, \"col\": {}, \"scope\": {}, \"store\": {}, \"annotation\": {}, "
                       "\"definition_time\": {}}}",
                       ref.line, ref.col, ref.scope, ref.store, ref.annotation, ref.definition_time);
    }
    out += facts.references.empty() ? "]" : "\n ]";
}

/// `text` (lines of a JSON value) indented by `spaces` more.
void append_indented(std::ostream& out, std::string_view text, size_t spaces) {
    std::string indent(spaces, ' ');
    out << indent;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end + 1;
        out << text.substr(start, end - start);
        if (end < text.size())
            out << indent;
        start = end;
    }
}

}  // namespace

void write_scan_json(const python::ScanResult& result, bool with_references, std::ostream& out) {
    // File by file, so the output never exists whole in memory.
    out << "{\n \"schema_version\": " << k_scan_schema_version << ",\n \"files\": [";
    const char* separator = "\n";
    for (const python::ScannedFile& file : result.files) {
        std::string text = dump(file_json(file));
        if (with_references) {
            text.resize(text.size() - 2);  // reopen the object: drop "\n}"
            append_references(text, file.facts);
            text += "\n}";
        }
        out << separator;
        separator = ",\n";
        append_indented(out, text, 2);
    }
    out << (result.files.empty() ? "],\n" : "\n ],\n");
    const python::ScanSummary& summary = result.summary;
    Json json = {{"files", summary.files},
                 {"lines", summary.lines},
                 {"bytes", summary.bytes},
                 {"import_sites", summary.import_sites},
                 {"module_level_imports", summary.module_level_imports},
                 {"files_with_errors", summary.files_with_errors},
                 {"elapsed_us", summary.elapsed.count()}};
    out << " \"summary\": ";
    append_indented(out, dump(json), 1);
    out << "\n}\n";
}

}  // namespace lmms::report

#include "model/usage_json.hpp"

#include <nlohmann/json.hpp>

namespace lmms::model {

namespace {

using Json = nlohmann::ordered_json;

Json optional_number(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

double share(size_t used, size_t total) {
    return total == 0 ? 0.0 : static_cast<double>(used) / static_cast<double>(total);
}

}  // namespace

std::string usage_to_json(const Usage& usage) {
    size_t total = usage.invocations.size();
    Json json;
    json["schema_version"] = k_usage_schema_version;
    json["workload"] = {{"kind", usage.workload},
                        {"file", usage.workload_file},
                        {"entry", usage.entry.empty() ? Json(nullptr) : Json(usage.entry)},
                        {"planned", usage.planned},
                        {"ran", total},
                        {"partial", usage.partial},
                        {"partial_reason", usage.partial ? Json(usage.partial_reason) : Json(nullptr)}};
    json["python_version"] = usage.python_version;
    json["tracer"] = usage.tracer;
    json["sites"] = Json::array();
    for (const SiteUsage& site : usage.sites) {
        Json names = Json::array();
        for (size_t i = 0; i < site.names.size(); ++i)
            names.push_back(
                {{"name", site.names[i]}, {"used", i < site.name_used.size() ? site.name_used[i] : 0}});
        json["sites"].push_back(
            {{"file", site.file},
             {"line", site.line},
             {"col", site.col},
             {"statement", site.statement},
             {"module", site.module},
             {"library", site.library},
             {"names", names},
             {"scope", site.scope},
             {"guard", site.guard},
             {"star", site.star},
             {"used", site.used},
             {"invocations", total},
             {"usage", share(site.used, total)},
             {"import_time_line", site.import_time_line ? Json(*site.import_time_line) : Json(nullptr)},
             {"import_time_function",
              site.import_time_function.empty() ? Json(nullptr) : Json(site.import_time_function)}});
    }
    json["libraries"] = Json::array();
    for (const LibraryUsage& library : usage.libraries)
        json["libraries"].push_back({{"name", library.name},
                                     {"project", library.project},
                                     {"sites", library.sites},
                                     {"used", library.used},
                                     {"usage", share(library.used, total)}});
    json["kinds"] = Json::array();
    for (const KindUsage& kind : usage.kinds) {
        Json errors = Json::array();
        for (const ErrorCount& error : kind.errors)
            errors.push_back({{"type", error.type}, {"message", error.message}, {"count", error.count}});
        json["kinds"].push_back({{"kind", kind.kind},
                                 {"count", kind.count},
                                 {"failed", kind.failed},
                                 {"first_ms", kind.first_ms},
                                 {"warm_median_ms", optional_number(kind.warm_median_ms)},
                                 {"errors", errors}});
    }
    json["invocations"] = Json::array();
    for (const InvocationUsage& invocation : usage.invocations)
        json["invocations"].push_back(
            {{"number", invocation.number},
             {"line", invocation.source_line},
             {"kind", invocation.kind},
             {"latency_ms", invocation.latency_ms},
             {"error", invocation.error_type.empty()
                           ? Json(nullptr)
                           : Json{{"type", invocation.error_type}, {"message", invocation.error_message}}}});
    return json.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace lmms::model

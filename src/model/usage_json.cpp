#include "model/usage_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/json_errors.hpp"

namespace lmms::model {

namespace {

using Json = nlohmann::ordered_json;

Json optional_number(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

double share(size_t used, size_t total) {
    return total == 0 ? 0.0 : static_cast<double>(used) / static_cast<double>(total);
}

/// Invocation numbers as inclusive ranges: [1, 2, 3, 7] -> [[1, 3], [7, 7]].
Json ranges(const std::vector<uint32_t>& numbers) {
    Json json = Json::array();
    for (size_t i = 0; i < numbers.size();) {
        size_t j = i;
        while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1)
            ++j;
        json.push_back({numbers[i], numbers[j]});
        i = j + 1;
    }
    return json;
}

std::vector<uint32_t> numbers_from(const Json& json) {
    std::vector<uint32_t> numbers;
    for (const Json& range : json) {
        uint32_t first = range.at(0).get<uint32_t>();
        uint32_t last = range.at(1).get<uint32_t>();
        if (last < first || last - first > 10'000'000)
            throw std::out_of_range("bad invocation range");
        for (uint32_t n = first; n <= last; ++n)
            numbers.push_back(n);
    }
    return numbers;
}

std::string optional_string(const Json& json) {
    return json.is_null() ? std::string() : json.get<std::string>();
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
             {"used_in", ranges(site.used_in)},
             {"invocations", total},
             {"usage", share(site.used, total)},
             {"import_time_line", site.import_time_line ? Json(*site.import_time_line) : Json(nullptr)},
             {"import_time_function",
              site.import_time_function.empty() ? Json(nullptr) : Json(site.import_time_function)},
             {"import_time_file",
              site.import_time_file.empty() ? Json(nullptr) : Json(site.import_time_file)}});
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
    for (const InvocationUsage& invocation : usage.invocations) {
        Json error = nullptr;
        if (!invocation.error_type.empty()) {
            error = Json{{"type", invocation.error_type}, {"message", invocation.error_message}};
            if (!invocation.output.empty())
                error["output"] = invocation.output;
        }
        json["invocations"].push_back({{"number", invocation.number},
                                       {"line", invocation.source_line},
                                       {"kind", invocation.kind},
                                       {"latency_ms", invocation.latency_ms},
                                       {"error", error}});
    }
    return json.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

Expected<Usage> usage_from_json(std::string_view text, const std::string& file_name) {
    Json json = LMMS_TRY(parse_capture_json(text, file_name));
    try {
        int version = json.at("schema_version").get<int>();
        if (version != k_usage_schema_version)
            return make_error(fmt::format("unsupported usage schema_version {} (this lmms reads {})", version,
                                          k_usage_schema_version),
                              file_name);
        Usage usage;
        const Json& workload = json.at("workload");
        usage.workload = workload.at("kind").get<std::string>();
        usage.workload_file = workload.at("file").get<std::string>();
        usage.entry = optional_string(workload.at("entry"));
        usage.planned = workload.at("planned").get<size_t>();
        usage.partial = workload.at("partial").get<bool>();
        usage.partial_reason = optional_string(workload.at("partial_reason"));
        usage.python_version = json.at("python_version").get<std::string>();
        usage.tracer = json.at("tracer").get<std::string>();
        for (const Json& row : json.at("invocations")) {
            InvocationUsage invocation;
            invocation.number = row.at("number").get<uint32_t>();
            invocation.source_line = row.at("line").get<uint32_t>();
            invocation.kind = row.at("kind").get<std::string>();
            invocation.latency_ms = row.at("latency_ms").get<double>();
            if (const Json& error = row.at("error"); !error.is_null()) {
                invocation.error_type = error.at("type").get<std::string>();
                invocation.error_message = error.at("message").get<std::string>();
                invocation.output = error.value("output", "");
            }
            usage.invocations.push_back(std::move(invocation));
        }
        for (const Json& row : json.at("sites")) {
            SiteUsage site;
            site.file = row.at("file").get<std::string>();
            site.line = row.at("line").get<uint32_t>();
            site.col = row.at("col").get<uint32_t>();
            site.statement = row.at("statement").get<std::string>();
            site.module = row.at("module").get<std::string>();
            site.library = row.at("library").get<std::string>();
            for (const Json& name : row.at("names")) {
                site.names.push_back(name.at("name").get<std::string>());
                site.name_used.push_back(name.at("used").get<size_t>());
            }
            site.scope = row.at("scope").get<std::string>();
            site.guard = row.at("guard").get<std::string>();
            site.star = row.at("star").get<bool>();
            site.used = row.at("used").get<size_t>();
            site.used_in = numbers_from(row.at("used_in"));
            if (site.used_in.size() != site.used)
                return make_error(fmt::format("not a valid LMMS usage: {}:{} has {} used but {} in used_in",
                                              site.file, site.line, site.used, site.used_in.size()),
                                  file_name);
            if (const Json& line = row.at("import_time_line"); !line.is_null())
                site.import_time_line = line.get<uint32_t>();
            site.import_time_function = optional_string(row.at("import_time_function"));
            site.import_time_file = optional_string(row.value("import_time_file", Json(nullptr)));
            usage.sites.push_back(std::move(site));
        }
        for (const Json& row : json.at("libraries"))
            usage.libraries.push_back({row.at("name").get<std::string>(), row.at("project").get<bool>(),
                                       row.at("sites").get<size_t>(), row.at("used").get<size_t>()});
        for (const Json& row : json.at("kinds")) {
            KindUsage kind;
            kind.kind = row.at("kind").get<std::string>();
            kind.count = row.at("count").get<size_t>();
            kind.failed = row.at("failed").get<size_t>();
            kind.first_ms = row.at("first_ms").get<double>();
            if (const Json& warm = row.at("warm_median_ms"); !warm.is_null())
                kind.warm_median_ms = warm.get<double>();
            for (const Json& error : row.at("errors"))
                kind.errors.push_back({error.at("type").get<std::string>(),
                                       error.at("message").get<std::string>(),
                                       error.at("count").get<size_t>()});
            usage.kinds.push_back(std::move(kind));
        }
        return usage;
    } catch (const std::exception& error) {
        return make_error(fmt::format("not a valid LMMS usage: {}", error.what()), file_name);
    }
}

}  // namespace lmms::model

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

Json import_time_uses_json(const std::vector<ImportTimeUse>& uses) {
    Json json = Json::array();
    for (const ImportTimeUse& use : uses)
        json.push_back({{"file", use.file},
                        {"line", use.line},
                        {"function", use.function.empty() ? Json(nullptr) : Json(use.function)},
                        {"kind", import_time_kind_name(use.kind)},
                        {"name", use.name}});
    return json;
}

std::optional<ImportTimeKind> import_time_kind_named(const std::string& name) {
    for (auto kind = static_cast<uint8_t>(ImportTimeKind::configuring_call);
         kind <= static_cast<uint8_t>(ImportTimeKind::other); ++kind)
        if (name == import_time_kind_name(static_cast<ImportTimeKind>(kind)))
            return static_cast<ImportTimeKind>(kind);
    return std::nullopt;
}

/// Version 1 kept only the first use, without its kind: it becomes a list of one.
std::vector<ImportTimeUse> version_1_uses(const SiteUsage& site) {
    if (!site.import_time_line)
        return {};
    return {ImportTimeUse{site.import_time_file.empty() ? site.file : site.import_time_file,
                          *site.import_time_line, site.import_time_function, ImportTimeKind::other, ""}};
}

std::vector<uint32_t> numbers_from(const JsonField& json) {
    std::vector<uint32_t> numbers;
    for (const JsonField& range : json.items()) {
        uint32_t first = range[0].get<uint32_t>();
        uint32_t last = range[1].get<uint32_t>();
        if (last < first || last - first > 10'000'000)
            throw JsonFieldError(fmt::format("{}: not an invocation range", range.path()));
        for (uint32_t n = first; n <= last; ++n)
            numbers.push_back(n);
    }
    return numbers;
}

std::string optional_string(const JsonField& json) {
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
             {"import_time_uses", import_time_uses_json(site.import_time_uses)},
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
    Json document = LMMS_TRY(parse_capture_json(text, file_name));
    try {
        JsonField json(document, "");
        int version = json["schema_version"].get<int>();
        if (version != k_usage_schema_version && version != 1)
            return make_error(fmt::format("unsupported usage schema_version {} (this lmms reads 1 to {})",
                                          version, k_usage_schema_version),
                              file_name);
        Usage usage;
        JsonField workload = json["workload"];
        usage.workload = workload["kind"].get<std::string>();
        usage.workload_file = workload["file"].get<std::string>();
        usage.entry = optional_string(workload["entry"]);
        usage.planned = workload["planned"].get<size_t>();
        usage.partial = workload["partial"].get<bool>();
        usage.partial_reason = optional_string(workload["partial_reason"]);
        usage.python_version = json["python_version"].get<std::string>();
        usage.tracer = json["tracer"].get<std::string>();
        for (const JsonField& row : json["invocations"].items()) {
            InvocationUsage invocation;
            invocation.number = row["number"].get<uint32_t>();
            invocation.source_line = row["line"].get<uint32_t>();
            invocation.kind = row["kind"].get<std::string>();
            invocation.latency_ms = row["latency_ms"].get<double>();
            if (JsonField error = row["error"]; !error.is_null()) {
                invocation.error_type = error["type"].get<std::string>();
                invocation.error_message = error["message"].get<std::string>();
                if (error.has("output"))
                    invocation.output = error["output"].get<std::string>();
            }
            usage.invocations.push_back(std::move(invocation));
        }
        for (const JsonField& row : json["sites"].items()) {
            SiteUsage site;
            site.file = row["file"].get<std::string>();
            site.line = row["line"].get<uint32_t>();
            site.col = row["col"].get<uint32_t>();
            site.statement = row["statement"].get<std::string>();
            site.module = row["module"].get<std::string>();
            site.library = row["library"].get<std::string>();
            for (const JsonField& name : row["names"].items()) {
                site.names.push_back(name["name"].get<std::string>());
                site.name_used.push_back(name["used"].get<size_t>());
            }
            site.scope = row["scope"].get<std::string>();
            site.guard = row["guard"].get<std::string>();
            site.star = row["star"].get<bool>();
            site.used = row["used"].get<size_t>();
            site.used_in = numbers_from(row["used_in"]);
            if (site.used_in.size() != site.used)
                return make_error(fmt::format("not a valid LMMS usage: {}:{} has {} used but {} in used_in",
                                              site.file, site.line, site.used, site.used_in.size()),
                                  file_name);
            if (JsonField line = row["import_time_line"]; !line.is_null())
                site.import_time_line = line.get<uint32_t>();
            site.import_time_function = optional_string(row["import_time_function"]);
            if (row.has("import_time_file"))
                site.import_time_file = optional_string(row["import_time_file"]);
            if (version == 1) {
                site.import_time_uses = version_1_uses(site);
            } else {
                for (const JsonField& use : row["import_time_uses"].items()) {
                    std::string kind = use["kind"].get<std::string>();
                    std::optional<ImportTimeKind> known = import_time_kind_named(kind);
                    if (!known)
                        return make_error(fmt::format("not a valid LMMS usage: {}:{} has an import-time use "
                                                      "of unknown kind `{}`",
                                                      site.file, site.line, kind),
                                          file_name);
                    site.import_time_uses.push_back(
                        {use["file"].get<std::string>(), use["line"].get<uint32_t>(),
                         optional_string(use["function"]), *known, use["name"].get<std::string>()});
                }
            }
            usage.sites.push_back(std::move(site));
        }
        for (const JsonField& row : json["libraries"].items())
            usage.libraries.push_back({row["name"].get<std::string>(), row["project"].get<bool>(),
                                       row["sites"].get<size_t>(), row["used"].get<size_t>()});
        for (const JsonField& row : json["kinds"].items()) {
            KindUsage kind;
            kind.kind = row["kind"].get<std::string>();
            kind.count = row["count"].get<size_t>();
            kind.failed = row["failed"].get<size_t>();
            kind.first_ms = row["first_ms"].get<double>();
            if (JsonField warm = row["warm_median_ms"]; !warm.is_null())
                kind.warm_median_ms = warm.get<double>();
            for (const JsonField& error : row["errors"].items())
                kind.errors.push_back({error["type"].get<std::string>(), error["message"].get<std::string>(),
                                       error["count"].get<size_t>()});
            usage.kinds.push_back(std::move(kind));
        }
        return usage;
    } catch (const JsonFieldError& error) {
        return make_error(error.what(), file_name);
    } catch (const std::exception& error) {
        return make_error(fmt::format("not a valid LMMS usage: {}", error.what()), file_name);
    }
}

}  // namespace lmms::model

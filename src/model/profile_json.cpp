#include "model/profile_json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/json_errors.hpp"

namespace lmms::model {

using Json = nlohmann::ordered_json;

namespace {

Json summary_json(const Summary& summary) {
    return Json{{"median", summary.median}, {"p95", summary.p95}};
}

Summary summary_from(const Json& json) {
    return {json.at("median").get<double>(), json.at("p95").get<double>()};
}

template <class Tag>
Json optional_index(const std::optional<Index<Tag>>& index) {
    return index ? Json(index->value) : Json(nullptr);
}

template <class Tag>
std::optional<Index<Tag>> optional_index_from(const Json& json) {
    if (json.is_null())
        return std::nullopt;
    return Index<Tag>{json.get<uint32_t>()};
}

Json module_json(const Module& module) {
    return Json{{"name", module.name},
                {"file", module.file},
                {"project", module.is_project},
                {"top_level", module.top_level},
                {"self_us", summary_json(module.self)},
                {"cumulative_us", summary_json(module.cumulative)},
                {"self_samples_us", module.self_samples},
                {"cumulative_samples_us", module.cumulative_samples},
                {"pulled_in", module.pulled_in},
                {"retained_us", module.retained_us},
                {"retained_modules", module.retained_modules},
                {"first_importer", optional_index(module.first_importer)},
                {"first_project_importer", optional_index(module.first_project_importer)},
                {"first_project_site", optional_index(module.first_project_site)}};
}

Module module_from(const Json& json) {
    Module module;
    module.name = json.at("name").get<std::string>();
    module.file = json.at("file").get<std::string>();
    module.is_project = json.at("project").get<bool>();
    // Profiles written before the field existed: the modules without an importer.
    module.top_level = json.value("top_level", json.at("first_importer").is_null());
    module.self = summary_from(json.at("self_us"));
    module.cumulative = summary_from(json.at("cumulative_us"));
    module.self_samples = json.at("self_samples_us").get<std::vector<int64_t>>();
    module.cumulative_samples = json.at("cumulative_samples_us").get<std::vector<int64_t>>();
    module.pulled_in = json.at("pulled_in").get<int64_t>();
    module.retained_us = json.at("retained_us").get<double>();
    module.retained_modules = json.at("retained_modules").get<int64_t>();
    module.first_importer = optional_index_from<ModuleTag>(json.at("first_importer"));
    module.first_project_importer = optional_index_from<ModuleTag>(json.at("first_project_importer"));
    module.first_project_site = optional_index_from<SiteTag>(json.at("first_project_site"));
    return module;
}

Json site_json(const ImportSite& site) {
    Json targets = Json::array();
    for (ModuleIndex target : site.targets)
        targets.push_back(target.value);
    return Json{{"importer", site.importer.value},
                {"file", site.file},
                {"line", site.line},
                {"statement", site.statement},
                {"targets", targets},
                {"retained_us", site.retained_us},
                {"retained_modules", site.retained_modules},
                {"group", site.group.value}};
}

Json group_json(const ImportGroup& group) {
    Json sites = Json::array();
    for (SiteIndex site : group.sites)
        sites.push_back(site.value);
    return Json{{"importer", group.importer.value},
                {"package", group.package},
                {"sites", sites},
                {"retained_us", group.retained_us},
                {"retained_modules", group.retained_modules}};
}

ImportGroup group_from(const Json& json) {
    ImportGroup group;
    group.importer = ModuleIndex{json.at("importer").get<uint32_t>()};
    group.package = json.at("package").get<std::string>();
    for (const Json& site : json.at("sites"))
        group.sites.push_back(SiteIndex{site.get<uint32_t>()});
    group.retained_us = json.at("retained_us").get<double>();
    group.retained_modules = json.at("retained_modules").get<int64_t>();
    return group;
}

ImportSite site_from(const Json& json) {
    ImportSite site;
    site.importer = ModuleIndex{json.at("importer").get<uint32_t>()};
    site.file = json.at("file").get<std::string>();
    site.line = json.at("line").get<uint32_t>();
    site.statement = json.at("statement").get<std::string>();
    for (const Json& target : json.at("targets"))
        site.targets.push_back(ModuleIndex{target.get<uint32_t>()});
    site.retained_us = json.at("retained_us").get<double>();
    site.retained_modules = json.at("retained_modules").get<int64_t>();
    site.group = GroupIndex{json.at("group").get<uint32_t>()};
    return site;
}

Json run_json(const Run& run) {
    return Json{{"total_us", run.total_us},         {"startup_us", run.startup_us},
                {"imports_us", run.imports_us},     {"init_us", run.init_us},
                {"module_count", run.module_count}, {"modules_imported", run.modules_imported},
                {"peak_rss_kb", run.peak_rss_kb}};
}

Run run_from(const Json& json) {
    return Run{json.at("total_us").get<int64_t>(),     json.at("startup_us").get<int64_t>(),
               json.at("imports_us").get<int64_t>(),   json.at("init_us").get<int64_t>(),
               json.at("module_count").get<int64_t>(), json.at("modules_imported").get<int64_t>(),
               json.at("peak_rss_kb").get<int64_t>()};
}

Json cold_start_json(const ColdStart& cold) {
    return Json{{"total_us", summary_json(cold.total)},
                {"parts_us",
                 {{"interpreter_start", cold.interpreter_start_us},
                  {"imports", cold.imports_us},
                  {"init", cold.init_us},
                  {"other", cold.other_us}}},
                {"interpreter_start_samples_us", cold.floor_samples},
                {"module_count", summary_json(cold.module_count)},
                {"peak_rss_kb", summary_json(cold.peak_rss_kb)}};
}

ColdStart cold_start_from(const Json& json) {
    ColdStart cold;
    cold.total = summary_from(json.at("total_us"));
    const Json& parts = json.at("parts_us");
    cold.interpreter_start_us = parts.at("interpreter_start").get<double>();
    cold.imports_us = parts.at("imports").get<double>();
    cold.init_us = parts.at("init").get<double>();
    cold.other_us = parts.at("other").get<double>();
    cold.floor_samples = json.at("interpreter_start_samples_us").get<std::vector<int64_t>>();
    cold.module_count = summary_from(json.at("module_count"));
    cold.peak_rss_kb = summary_from(json.at("peak_rss_kb"));
    return cold;
}

/// Every typed index points into its vector, so readers may use Profile::at.
bool indices_in_range(const Profile& profile) {
    auto valid = [](const auto& index, const auto& vector) {
        if constexpr (requires { index.has_value(); })
            return !index || index->value < vector.size();
        else
            return index.value < vector.size();
    };
    const auto& modules = profile.modules;
    for (const Module& module : modules)
        if (!valid(module.first_importer, modules) || !valid(module.first_project_importer, modules) ||
            !valid(module.first_project_site, profile.sites))
            return false;
    for (const ImportSite& site : profile.sites) {
        if (!valid(site.importer, modules) || !valid(site.group, profile.groups) || site.targets.empty())
            return false;
        for (ModuleIndex target : site.targets)
            if (!valid(target, modules))
                return false;
    }
    for (const ImportGroup& group : profile.groups) {
        if (!valid(group.importer, modules) || group.sites.empty())
            return false;
        for (SiteIndex site : group.sites)
            if (!valid(site, profile.sites))
                return false;
    }
    for (const ImportEdge& edge : profile.edges)
        if (!valid(edge.from, modules) || !valid(edge.to, modules) || !valid(edge.site, profile.sites))
            return false;
    return true;
}

}  // namespace

std::string profile_to_json(const Profile& profile) {
    Json json;
    json["schema_version"] = profile.schema_version;
    json["lmms_version"] = profile.lmms_version;
    json["created"] = profile.created;
    const Environment& env = profile.environment;
    json["environment"] = {{"python", env.python},
                           {"python_source", env.python_source},
                           {"python_version", env.python_version},
                           {"implementation", env.implementation},
                           {"flags", env.flags},
                           {"platform", env.platform}};
    json["settings"] = {
        {"entry", profile.settings.entry}, {"runs", profile.settings.runs}, {"src", profile.settings.src}};
    json["cold_start"] = cold_start_json(profile.cold_start);
    json["runs"] = Json::array();
    for (const Run& run : profile.runs)
        json["runs"].push_back(run_json(run));
    json["modules"] = Json::array();
    for (const Module& module : profile.modules)
        json["modules"].push_back(module_json(module));
    json["sites"] = Json::array();
    for (const ImportSite& site : profile.sites)
        json["sites"].push_back(site_json(site));
    json["groups"] = Json::array();
    for (const ImportGroup& group : profile.groups)
        json["groups"].push_back(group_json(group));
    json["edges"] = Json::array();
    for (const ImportEdge& edge : profile.edges)
        json["edges"].push_back({edge.from.value, edge.to.value, optional_index(edge.site)});
    json["preloaded"] = profile.preloaded;
    json["diagnostics"] = profile.diagnostics;
    json["lmms_peak_rss_kb"] = profile.lmms_peak_rss_kb;
    if (const auto& bytecode = profile.bytecode)
        json["bytecode"] = {{"dont_write_bytecode", bytecode->dont_write_bytecode},
                            {"compiled_modules", bytecode->compiled_modules},
                            {"example", bytecode->example}};
    return json.dump(2) + "\n";
}

Expected<Profile> profile_from_json(std::string_view text, const std::string& file_name) {
    Json json = LMMS_TRY(parse_capture_json(text, file_name));
    try {
        Profile profile;
        profile.schema_version = json.at("schema_version").get<int>();
        if (profile.schema_version != k_profile_schema_version)
            return make_error(fmt::format("unsupported profile schema_version {} (this lmms reads {})",
                                          profile.schema_version, k_profile_schema_version),
                              file_name);
        profile.lmms_version = json.at("lmms_version").get<std::string>();
        profile.created = json.at("created").get<std::string>();
        const Json& env = json.at("environment");
        profile.environment = {env.at("python").get<std::string>(),
                               env.at("python_source").get<std::string>(),
                               env.at("python_version").get<std::string>(),
                               env.at("implementation").get<std::string>(),
                               env.at("flags").get<std::vector<std::string>>(),
                               env.at("platform").get<std::string>()};
        const Json& settings = json.at("settings");
        profile.settings = {settings.at("entry").get<std::string>(), settings.at("runs").get<int>(),
                            settings.at("src").get<std::vector<std::string>>()};
        profile.cold_start = cold_start_from(json.at("cold_start"));
        for (const Json& run : json.at("runs"))
            profile.runs.push_back(run_from(run));
        for (const Json& module : json.at("modules"))
            profile.modules.push_back(module_from(module));
        for (const Json& site : json.at("sites"))
            profile.sites.push_back(site_from(site));
        for (const Json& group : json.at("groups"))
            profile.groups.push_back(group_from(group));
        for (const Json& edge : json.at("edges"))
            profile.edges.push_back({ModuleIndex{edge.at(0).get<uint32_t>()},
                                     ModuleIndex{edge.at(1).get<uint32_t>()},
                                     optional_index_from<SiteTag>(edge.at(2))});
        profile.preloaded = json.value("preloaded", std::vector<std::string>{});
        profile.diagnostics = json.at("diagnostics").get<std::vector<std::string>>();
        profile.lmms_peak_rss_kb = json.at("lmms_peak_rss_kb").get<int64_t>();
        if (const auto bytecode = json.find("bytecode"); bytecode != json.end())
            profile.bytecode = BytecodeCaches{bytecode->at("dont_write_bytecode").get<bool>(),
                                              bytecode->at("compiled_modules").get<int64_t>(),
                                              bytecode->at("example").get<std::string>()};
        if (!indices_in_range(profile))
            return make_error("not a valid LMMS profile: an index refers to nothing", file_name);
        return profile;
    } catch (const Json::exception& error) {
        return make_error(fmt::format("not a valid LMMS profile: {}", error.what()), file_name);
    }
}

}  // namespace lmms::model

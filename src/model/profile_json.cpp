#include "model/profile_json.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model/json_errors.hpp"

namespace lmms::model {

using Json = nlohmann::ordered_json;

namespace {

Json summary_json(const Summary& summary) {
    return Json{{"median", summary.median}, {"p95", summary.p95}};
}

Summary summary_from(const JsonField& json) {
    return {json["median"].get<double>(), json["p95"].get<double>()};
}

template <class Tag>
Json optional_index(const std::optional<Index<Tag>>& index) {
    return index ? Json(index->value) : Json(nullptr);
}

template <class Tag>
std::optional<Index<Tag>> optional_index_from(const JsonField& json) {
    if (json.is_null())
        return std::nullopt;
    return Index<Tag>{json.get<uint32_t>()};
}

Json module_json(const Module& module) {
    return Json{{"name", module.name},
                {"file", module.file},
                {"project", module.is_project},
                {"top_level", module.top_level},
                {"failed", module.failed},
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

Module module_from(const JsonField& json) {
    Module module;
    module.name = json["name"].get<std::string>();
    module.file = json["file"].get<std::string>();
    module.is_project = json["project"].get<bool>();
    // Profiles written before the field existed: the modules without an importer.
    module.top_level =
        json.has("top_level") ? json["top_level"].get<bool>() : json["first_importer"].is_null();
    module.failed = json.has("failed") && json["failed"].get<bool>();
    module.self = summary_from(json["self_us"]);
    module.cumulative = summary_from(json["cumulative_us"]);
    module.self_samples = json["self_samples_us"].get<std::vector<int64_t>>();
    module.cumulative_samples = json["cumulative_samples_us"].get<std::vector<int64_t>>();
    module.pulled_in = json["pulled_in"].get<int64_t>();
    module.retained_us = json["retained_us"].get<double>();
    module.retained_modules = json["retained_modules"].get<int64_t>();
    module.first_importer = optional_index_from<ModuleTag>(json["first_importer"]);
    module.first_project_importer = optional_index_from<ModuleTag>(json["first_project_importer"]);
    module.first_project_site = optional_index_from<SiteTag>(json["first_project_site"]);
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

ImportGroup group_from(const JsonField& json) {
    ImportGroup group;
    group.importer = ModuleIndex{json["importer"].get<uint32_t>()};
    group.package = json["package"].get<std::string>();
    for (const JsonField& site : json["sites"].items())
        group.sites.push_back(SiteIndex{site.get<uint32_t>()});
    group.retained_us = json["retained_us"].get<double>();
    group.retained_modules = json["retained_modules"].get<int64_t>();
    return group;
}

ImportSite site_from(const JsonField& json) {
    ImportSite site;
    site.importer = ModuleIndex{json["importer"].get<uint32_t>()};
    site.file = json["file"].get<std::string>();
    site.line = json["line"].get<uint32_t>();
    site.statement = json["statement"].get<std::string>();
    for (const JsonField& target : json["targets"].items())
        site.targets.push_back(ModuleIndex{target.get<uint32_t>()});
    site.retained_us = json["retained_us"].get<double>();
    site.retained_modules = json["retained_modules"].get<int64_t>();
    site.group = GroupIndex{json["group"].get<uint32_t>()};
    return site;
}

Json run_json(const Run& run) {
    return Json{{"total_us", run.total_us},         {"startup_us", run.startup_us},
                {"imports_us", run.imports_us},     {"init_us", run.init_us},
                {"module_count", run.module_count}, {"modules_imported", run.modules_imported},
                {"peak_rss_kb", run.peak_rss_kb}};
}

Run run_from(const JsonField& json) {
    return Run{json["total_us"].get<int64_t>(),     json["startup_us"].get<int64_t>(),
               json["imports_us"].get<int64_t>(),   json["init_us"].get<int64_t>(),
               json["module_count"].get<int64_t>(), json["modules_imported"].get<int64_t>(),
               json["peak_rss_kb"].get<int64_t>()};
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

ColdStart cold_start_from(const JsonField& json) {
    ColdStart cold;
    cold.total = summary_from(json["total_us"]);
    JsonField parts = json["parts_us"];
    cold.interpreter_start_us = parts["interpreter_start"].get<double>();
    cold.imports_us = parts["imports"].get<double>();
    cold.init_us = parts["init"].get<double>();
    cold.other_us = parts["other"].get<double>();
    cold.floor_samples = json["interpreter_start_samples_us"].get<std::vector<int64_t>>();
    cold.module_count = summary_from(json["module_count"]);
    cold.peak_rss_kb = summary_from(json["peak_rss_kb"]);
    return cold;
}

Json sources_json(std::vector<SourceFingerprint> sources) {
    std::sort(sources.begin(), sources.end(),
              [](const SourceFingerprint& a, const SourceFingerprint& b) { return a.file < b.file; });
    Json json = Json::array();
    for (const SourceFingerprint& source : sources)
        json.push_back({{"file", source.file}, {"fingerprint", source.fingerprint}});
    return json;
}

Json module_code_json(const std::vector<StatementCost>& statements) {
    Json json = Json::array();
    for (const StatementCost& statement : statements)
        json.push_back({{"file", statement.file},
                        {"line", statement.line},
                        {"text", statement.text},
                        {"us", statement.us}});
    return json;
}

Json import_hooks_json(const std::vector<ImportHookCost>& hooks) {
    Json json = Json::array();
    for (const ImportHookCost& hook : hooks)
        json.push_back({{"finder", hook.finder},
                        {"calls", hook.calls},
                        {"us", hook.us},
                        {"slowest_module", hook.slowest_module},
                        {"slowest_us", hook.slowest_us}});
    return json;
}

/// Schema 2's warm-up figures; absent from version 1 files.
void read_warmup_costs(const JsonField& json, Profile& profile) {
    if (json.has("module_code"))
        for (const JsonField& statement : json["module_code"].items())
            profile.module_code.push_back(
                {statement["file"].get<std::string>(), statement["line"].get<uint32_t>(),
                 statement["text"].get<std::string>(), statement["us"].get<double>()});
    if (json.has("import_hooks"))
        for (const JsonField& hook : json["import_hooks"].items())
            profile.import_hooks.push_back(
                {hook["finder"].get<std::string>(), hook["calls"].get<int64_t>(), hook["us"].get<double>(),
                 hook["slowest_module"].get<std::string>(), hook["slowest_us"].get<double>()});
    if (json.has("compile")) {
        JsonField compile = json["compile"];
        profile.compile =
            CompileCost{compile["modules"].get<int64_t>(), compile["us"].get<double>(),
                        compile["project_modules"].get<int64_t>(), compile["project_us"].get<double>()};
    }
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
    json["module_code"] = module_code_json(profile.module_code);
    json["import_hooks"] = import_hooks_json(profile.import_hooks);
    if (const auto& compile = profile.compile)
        json["compile"] = {{"modules", compile->modules},
                           {"us", compile->us},
                           {"project_modules", compile->project_modules},
                           {"project_us", compile->project_us}};
    if (profile.has_sources)
        json["sources"] = sources_json(profile.sources);
    return json.dump(2) + "\n";
}

Expected<Profile> profile_from_json(std::string_view text, const std::string& file_name) {
    Json document = LMMS_TRY(parse_capture_json(text, file_name));
    try {
        JsonField json(document, "");
        Profile profile;
        profile.schema_version = json["schema_version"].get<int>();
        if (profile.schema_version < k_profile_oldest_schema_version ||
            profile.schema_version > k_profile_schema_version)
            return make_error(fmt::format("unsupported profile schema_version {} (this lmms reads {} to {})",
                                          profile.schema_version, k_profile_oldest_schema_version,
                                          k_profile_schema_version),
                              file_name);
        // Read into the current shape (a version 1 file has no warm-up figures): written back, it is current.
        profile.schema_version = k_profile_schema_version;
        profile.lmms_version = json["lmms_version"].get<std::string>();
        profile.created = json["created"].get<std::string>();
        JsonField env = json["environment"];
        profile.environment = {env["python"].get<std::string>(),
                               env["python_source"].get<std::string>(),
                               env["python_version"].get<std::string>(),
                               env["implementation"].get<std::string>(),
                               env["flags"].get<std::vector<std::string>>(),
                               env["platform"].get<std::string>()};
        JsonField settings = json["settings"];
        profile.settings = {settings["entry"].get<std::string>(), settings["runs"].get<int>(),
                            settings["src"].get<std::vector<std::string>>()};
        profile.cold_start = cold_start_from(json["cold_start"]);
        for (const JsonField& run : json["runs"].items())
            profile.runs.push_back(run_from(run));
        for (const JsonField& module : json["modules"].items())
            profile.modules.push_back(module_from(module));
        for (const JsonField& site : json["sites"].items())
            profile.sites.push_back(site_from(site));
        for (const JsonField& group : json["groups"].items())
            profile.groups.push_back(group_from(group));
        for (const JsonField& edge : json["edges"].items())
            profile.edges.push_back({ModuleIndex{edge[0].get<uint32_t>()},
                                     ModuleIndex{edge[1].get<uint32_t>()},
                                     optional_index_from<SiteTag>(edge[2])});
        if (json.has("preloaded"))
            profile.preloaded = json["preloaded"].get<std::vector<std::string>>();
        profile.diagnostics = json["diagnostics"].get<std::vector<std::string>>();
        profile.lmms_peak_rss_kb = json["lmms_peak_rss_kb"].get<int64_t>();
        if (json.has("bytecode")) {
            JsonField bytecode = json["bytecode"];
            profile.bytecode = BytecodeCaches{bytecode["dont_write_bytecode"].get<bool>(),
                                              bytecode["compiled_modules"].get<int64_t>(),
                                              bytecode["example"].get<std::string>()};
        }
        read_warmup_costs(json, profile);
        // Absent in profiles from before LMMS recorded the sources.
        profile.has_sources = json.has("sources");
        if (profile.has_sources)
            for (const JsonField& source : json["sources"].items())
                profile.sources.push_back(
                    {source["file"].get<std::string>(), source["fingerprint"].get<std::string>()});
        if (!indices_in_range(profile))
            return make_error("not a valid LMMS profile: an index refers to nothing", file_name);
        return profile;
    } catch (const JsonFieldError& error) {
        return make_error(error.what(), file_name);
    } catch (const Json::exception& error) {
        return make_error(fmt::format("not a valid LMMS profile: {}", error.what()), file_name);
    }
}

}  // namespace lmms::model

#include "model/recording.hpp"

#include <algorithm>
#include <map>

#include "python/project_files.hpp"

namespace lmms::model {

namespace {

std::string site_of(const Profile& profile, const Module& module) {
    if (!module.first_project_site)
        return {};
    return location(profile.at(*module.first_project_site));
}

}  // namespace

Recording recording_of(const Profile& profile, std::string kind) {
    Recording r;
    r.recorded_at = profile.created;
    r.kind = std::move(kind);
    r.entry = profile.settings.entry;
    r.python = profile.environment.python;
    r.python_version = profile.environment.python_version;
    r.lmms_version = profile.lmms_version;
    r.runs = static_cast<int64_t>(profile.runs.size());
    r.median_ms = profile.cold_start.total.median / 1000.0;
    r.p95_ms = profile.cold_start.total.p95 / 1000.0;
    if (!profile.runs.empty()) {
        auto [low, high] =
            std::minmax_element(profile.runs.begin(), profile.runs.end(),
                                [](const Run& a, const Run& b) { return a.total_us < b.total_us; });
        r.min_ms = static_cast<double>(low->total_us) / 1000.0;
        r.max_ms = static_cast<double>(high->total_us) / 1000.0;
    }
    r.imports_ms = profile.cold_start.imports_us / 1000.0;
    r.module_count = static_cast<int64_t>(profile.cold_start.module_count.median);

    std::vector<const Module*> modules;
    modules.reserve(profile.modules.size());
    for (const Module& module : profile.modules)
        modules.push_back(&module);
    std::stable_sort(modules.begin(), modules.end(),
                     [](const Module* a, const Module* b) { return a->self.median > b->self.median; });
    for (const Module* module : modules)
        r.modules.push_back({module->name, module->self.median / 1000.0, module->cumulative.median / 1000.0,
                             site_of(profile, *module), module->is_project});

    std::map<std::string, PackageCost> packages;
    for (const Module& module : profile.modules) {
        std::string name = python::top_level_package(module.name);
        PackageCost& package = packages[name];
        package.package = name;
        package.self_ms += module.self.median / 1000.0;
        ++package.modules;
        // The line that brings in the package itself, else its first module that has one.
        if (module.name == name || package.site.empty())
            if (std::string site = site_of(profile, module); !site.empty())
                package.site = site;
    }
    for (auto& [name, package] : packages)
        r.packages.push_back(std::move(package));
    return r;
}

}  // namespace lmms::model

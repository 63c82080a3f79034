#include "capture/profile_builder.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "base/files.hpp"
#include "model/import_graph.hpp"
#include "python/project_files.hpp"

namespace lmms::capture {

namespace fs = std::filesystem;
using model::ModuleIndex;
using model::SiteIndex;

bool is_project_file(const fs::path& file, const ProjectLayout& layout) {
    if (file.empty())
        return false;
    fs::path normal = file.lexically_normal();
    for (const fs::path& root : layout.src_roots) {
        fs::path relative = normal.lexically_relative(root.lexically_normal());
        if (relative.empty() || *relative.begin() == "..")
            continue;
        bool outside = std::any_of(relative.begin(), relative.end(), [](const fs::path& part) {
            std::string name = part.string();
            return name == "site-packages" || name == "dist-packages" || (name.size() > 1 && name[0] == '.');
        });
        if (!outside)
            return true;
    }
    return false;
}

namespace {

/// For each record of a run: is it part of the entry's import (not interpreter start-up)?
std::vector<bool> entry_phase(const RunCapture& run) {
    std::unordered_set<std::string> preloaded(run.report.preloaded.begin(), run.report.preloaded.end());
    const auto& records = run.log.records;
    std::vector<bool> phase(records.size(), false);
    // Children come before parents, so walk backwards to inherit the top-level decision.
    for (size_t i = records.size(); i-- > 0;) {
        const ImportRecord& record = records[i];
        phase[i] = record.parent == k_no_parent ? !preloaded.contains(record.name)
                                                : phase[static_cast<size_t>(record.parent)];
    }
    return phase;
}

/// One module's imports in one run. A module can appear more than once: a
/// failed import (an optional dependency) is logged at every attempt, and
/// `import a.b.c` is logged around the import of package `a.b`, whose
/// `__init__` may itself import `a.b.c` first.
struct RunModule {
    int64_t self_us = 0;
    int64_t cumulative_us = 0;
    std::string parent;      ///< enclosing import of its first record
    bool top_level = false;  ///< its first record was imported by the probe itself
};

/// Records that enclose a record of the same module: the outer record is the
/// request, the inner one the real import. The outer one's children belong
/// to its own parent.
std::vector<bool> wrapper_records(const ImportTimeLog& log) {
    std::vector<bool> wrapper(log.records.size(), false);
    for (const ImportRecord& record : log.records)
        for (int32_t up = record.parent; up != k_no_parent; up = log.records[static_cast<size_t>(up)].parent)
            if (log.records[static_cast<size_t>(up)].name == record.name)
                wrapper[static_cast<size_t>(up)] = true;
    return wrapper;
}

/// The entry's imports in one run, by name.
std::map<std::string, RunModule> entry_modules(const RunCapture& run) {
    const auto& records = run.log.records;
    std::vector<bool> phase = entry_phase(run);
    std::vector<bool> wrapper = wrapper_records(run.log);
    std::map<std::string, RunModule> modules;
    for (size_t i = 0; i < records.size(); ++i) {
        const ImportRecord& record = records[i];
        if (!phase[i] || record.cached)
            continue;
        int32_t parent = record.parent;
        while (parent != k_no_parent && wrapper[static_cast<size_t>(parent)])
            parent = records[static_cast<size_t>(parent)].parent;
        auto [it, fresh] = modules.try_emplace(record.name);
        if (fresh && !wrapper[i]) {
            it->second.top_level = parent == k_no_parent;
            if (parent != k_no_parent)
                it->second.parent = records[static_cast<size_t>(parent)].name;
        }
        it->second.self_us += record.self_us;
        // A wrapper's cumulative time is its own plus that of modules counted elsewhere.
        it->second.cumulative_us += wrapper[i] ? record.self_us : record.cumulative_us;
    }
    return modules;
}

struct ModuleDraft {
    std::vector<int64_t> self;
    std::vector<int64_t> cumulative;
    std::string first_importer;  ///< empty: none known
    bool top_level = false;      ///< imported directly by the probe (the entry)
};

class Builder {
public:
    Builder(const Captures& captures, const ProjectLayout& layout) : m_captures(captures), m_layout(layout) {}

    model::Profile build() {
        collect_modules();
        m_profile.preloaded = m_captures.warmup.report.preloaded;
        std::sort(m_profile.preloaded.begin(), m_profile.preloaded.end());
        collect_sites();
        compute_retained();
        attribute();
        measure_runs();
        return std::move(m_profile);
    }

private:
    void collect_modules() {
        std::map<std::string, ModuleDraft> drafts;
        for (const RunCapture& run : m_captures.runs) {
            for (auto& [name, seen] : entry_modules(run)) {
                ModuleDraft& draft = drafts[name];
                if (draft.self.empty()) {
                    draft.first_importer = seen.parent;
                    draft.top_level = seen.top_level;
                }
                draft.self.push_back(seen.self_us);
                draft.cumulative.push_back(seen.cumulative_us);
            }
        }
        std::unordered_map<std::string, std::string> files;
        for (const ProbeModule& module : m_captures.warmup.report.modules)
            files[module.name] = module.file;
        size_t partial = 0;
        // The warm-up lists what sys.modules holds after the entry imported;
        // an importtime record not there is an import that raised.
        bool listed = !m_captures.warmup.report.modules.empty();
        for (auto& [name, draft] : drafts) {
            model::Module module;
            module.name = name;
            module.failed = listed && !files.contains(name);
            fs::path file = files[name];
            module.is_project = is_project_file(file, m_layout);
            module.file = module.is_project ? base::relative_to(file, m_layout.project_dir) : file.string();
            module.self = model::summarize(draft.self);
            module.cumulative = model::summarize(draft.cumulative);
            module.self_samples = std::move(draft.self);
            module.cumulative_samples = std::move(draft.cumulative);
            partial += module.self_samples.size() < m_captures.runs.size() ? 1 : 0;
            module.top_level = draft.top_level;
            m_index.emplace(name, ModuleIndex{static_cast<uint32_t>(m_profile.modules.size())});
            m_profile.modules.push_back(std::move(module));
        }
        for (auto& [name, draft] : drafts)
            if (!draft.first_importer.empty() && !reaches(find(draft.first_importer), m_index.at(name)))
                m_profile.modules[m_index.at(name).value].first_importer = find(draft.first_importer);
        if (partial > 0)
            m_profile.diagnostics.push_back(
                fmt::format("{} modules were imported in only some of the runs", partial));
    }

    /// Whether following first importers from `from` leads to `target`: a module
    /// logged in several places could otherwise close a cycle.
    bool reaches(std::optional<ModuleIndex> from, ModuleIndex target) const {
        for (size_t steps = 0; from && steps <= m_profile.modules.size(); ++steps) {
            if (*from == target)
                return true;
            from = m_profile.at(*from).first_importer;
        }
        return from.has_value();
    }

    std::optional<ModuleIndex> find(const std::string& name) const {
        auto it = m_index.find(name);
        return it == m_index.end() ? std::nullopt : std::optional(it->second);
    }

    /// Import statements executed by project modules, one site per file:line.
    void collect_sites() {
        std::map<std::pair<std::string, uint32_t>, SiteIndex> by_location;
        for (const ProbeEdge& edge : m_captures.warmup.report.edges) {
            auto from = find(edge.importer);
            auto to = find(edge.target);
            if (!from || !to || from == to)
                continue;
            std::optional<SiteIndex> site;
            if (m_profile.at(*from).is_project) {
                std::string file = base::relative_to(edge.file, m_layout.project_dir);
                auto [it, fresh] = by_location.try_emplace(
                    {file, edge.line}, SiteIndex{static_cast<uint32_t>(m_profile.sites.size())});
                if (fresh)
                    m_profile.sites.push_back({*from, file, edge.line, {}, {}, 0, 0, {}});
                auto& targets = m_profile.sites[it->second.value].targets;
                if (std::find(targets.begin(), targets.end(), *to) == targets.end())
                    targets.push_back(*to);
                site = it->second;
                m_first_site.try_emplace({from->value, to->value}, *site);
            }
            m_profile.edges.push_back({*from, *to, site});
        }
        for (model::ImportSite& site : m_profile.sites)
            std::sort(site.targets.begin(), site.targets.end());
        collect_groups();
    }

    void collect_groups() {
        std::map<std::pair<std::string, std::string>, std::vector<SiteIndex>> by_key;
        for (uint32_t s = 0; s < m_profile.sites.size(); ++s) {
            const model::ImportSite& site = m_profile.sites[s];
            std::string package = python::top_level_package(m_profile.at(site.targets.front()).name);
            by_key[{m_profile.at(site.importer).name, package}].push_back(SiteIndex{s});
        }
        for (auto& [key, sites] : by_key) {
            std::sort(sites.begin(), sites.end(), [&](SiteIndex a, SiteIndex b) {
                return std::tie(m_profile.at(a).file, m_profile.at(a).line) <
                       std::tie(m_profile.at(b).file, m_profile.at(b).line);
            });
            model::GroupIndex group{static_cast<uint32_t>(m_profile.groups.size())};
            for (SiteIndex site : sites)
                m_profile.sites[site.value].group = group;
            m_profile.groups.push_back({m_profile.at(sites.front()).importer, key.second, sites, 0, 0});
        }
    }

    void compute_retained() {
        model::ProfileGraph nodes = model::profile_graph(m_profile);
        const model::ImportGraph& graph = nodes.graph;
        auto module_count = static_cast<uint32_t>(m_profile.modules.size());
        uint32_t first_group = nodes.first_group;
        uint32_t first_site = nodes.first_site;
        std::vector<double> weight(graph.node_count(), 0);
        std::vector<bool> counted(graph.node_count(), false);
        for (uint32_t i = 0; i < module_count; ++i) {
            // A failed import's time was spent (a search of sys.path), but no module stays loaded.
            weight[i + 1] = m_profile.modules[i].self.median;
            counted[i + 1] = !m_profile.modules[i].failed;
        }
        model::Retained result = model::retained(graph, weight, counted);
        for (uint32_t i = 0; i < module_count; ++i) {
            m_profile.modules[i].retained_us = result.weight[i + 1];
            m_profile.modules[i].retained_modules = result.nodes[i + 1];
        }
        for (uint32_t s = 0; s < m_profile.sites.size(); ++s) {
            m_profile.sites[s].retained_us = result.weight[first_site + s];
            m_profile.sites[s].retained_modules = result.nodes[first_site + s];
        }
        for (uint32_t g = 0; g < m_profile.groups.size(); ++g) {
            m_profile.groups[g].retained_us = result.weight[first_group + g];
            m_profile.groups[g].retained_modules = result.nodes[first_group + g];
        }
    }

    /// Import-tree subtree sizes and the project module that started each chain.
    void attribute() {
        auto& modules = m_profile.modules;
        std::vector<std::vector<uint32_t>> children(modules.size());
        for (uint32_t i = 0; i < modules.size(); ++i)
            if (modules[i].first_importer)
                children[modules[i].first_importer->value].push_back(i);
        for (uint32_t i = 0; i < modules.size(); ++i) {
            modules[i].pulled_in = count_descendants(children, i);
            uint32_t child = i;
            std::optional<ModuleIndex> ancestor = modules[i].first_importer;
            while (ancestor && !modules[ancestor->value].is_project) {
                child = ancestor->value;
                ancestor = modules[ancestor->value].first_importer;
            }
            if (!ancestor)
                continue;
            modules[i].first_project_importer = ancestor;
            modules[i].first_project_site = site_importing(*ancestor, ModuleIndex{child});
        }
    }

    static int64_t count_descendants(const std::vector<std::vector<uint32_t>>& children, uint32_t node) {
        int64_t count = 0;
        std::vector<uint32_t> stack(children[node].begin(), children[node].end());
        while (!stack.empty()) {
            uint32_t next = stack.back();
            stack.pop_back();
            ++count;
            stack.insert(stack.end(), children[next].begin(), children[next].end());
        }
        return count;
    }

    std::optional<SiteIndex> site_importing(ModuleIndex importer, ModuleIndex target) const {
        auto it = m_first_site.find({importer.value, target.value});
        return it == m_first_site.end() ? std::nullopt : std::optional(it->second);
    }

    void measure_runs() {
        std::vector<int64_t> totals, imports, inits, counts, rss, floors;
        for (const RunCapture& run : m_captures.runs) {
            model::Run measured = measure(run);
            totals.push_back(measured.total_us);
            imports.push_back(measured.imports_us);
            inits.push_back(measured.init_us);
            counts.push_back(measured.module_count);
            rss.push_back(measured.peak_rss_kb);
            m_profile.runs.push_back(measured);
        }
        for (const RunCapture& floor : m_captures.floors)
            floors.push_back(elapsed_us(floor.process.spawned, *floor.report.ready_arrived));
        model::ColdStart& cold = m_profile.cold_start;
        cold.total = model::summarize(totals);
        cold.interpreter_start_us = model::summarize(floors).median;
        cold.imports_us = model::summarize(imports).median;
        cold.init_us = model::summarize(inits).median;
        cold.other_us = cold.total.median - cold.interpreter_start_us - cold.imports_us - cold.init_us;
        cold.floor_samples = std::move(floors);
        cold.module_count = model::summarize(counts);
        cold.peak_rss_kb = model::summarize(rss);
        for (const RunCapture& run : m_captures.runs)
            for (const LogDiagnostic& diagnostic : run.log.diagnostics)
                m_profile.diagnostics.push_back(
                    fmt::format("importtime log line {}: {}", diagnostic.line, diagnostic.message));
    }

    static int64_t elapsed_us(base::MonotonicNs from, base::MonotonicNs to) { return (to - from) / 1000; }

    model::Run measure(const RunCapture& run) const {
        const ProbeReport& report = run.report;
        model::Run measured;
        measured.total_us =
            elapsed_us(run.process.spawned, report.ready_arrived.value_or(run.process.spawned));
        measured.startup_us = elapsed_us(run.process.spawned, report.started.value_or(run.process.spawned));
        for (const auto& [name, seen] : entry_modules(run)) {
            auto module = find(name);
            bool project = module && m_profile.at(*module).is_project;
            (project ? measured.init_us : measured.imports_us) += seen.self_us;
            if (!module || !m_profile.at(*module).failed)
                ++measured.modules_imported;
        }
        if (report.imported && report.ready)
            measured.init_us += elapsed_us(*report.imported, *report.ready);
        measured.module_count = report.module_count;
        measured.peak_rss_kb = run.process.peak_rss_kb;
        return measured;
    }

    const Captures& m_captures;
    const ProjectLayout& m_layout;
    model::Profile m_profile;
    std::unordered_map<std::string, ModuleIndex> m_index;
    std::map<std::pair<uint32_t, uint32_t>, SiteIndex>
        m_first_site;  ///< (importer, target) -> first statement
};

/// From the timed runs: the warm-up may compile once, as a user's first start would.
std::optional<model::BytecodeCaches> bytecode_caches(const Captures& captures, const ProjectLayout& layout) {
    std::optional<model::BytecodeCaches> caches;
    for (const RunCapture& run : captures.runs) {
        const std::optional<ProbeBytecode>& seen = run.report.bytecode;
        if (!seen)
            continue;
        if (!caches)
            caches.emplace();
        caches->dont_write_bytecode = caches->dont_write_bytecode || seen->dont_write_bytecode;
        if (seen->compiled > caches->compiled_modules) {
            caches->compiled_modules = seen->compiled;
            caches->example = base::relative_to(seen->first_compiled, layout.project_dir);
        }
    }
    return caches;
}

/// From the warm-up: finders sorted by name.
std::vector<model::ImportHookCost> import_hooks(const ProbeReport& warmup) {
    std::vector<model::ImportHookCost> hooks;
    for (const ProbeFinder& finder : warmup.finders)
        hooks.push_back({finder.finder, finder.calls, static_cast<double>(finder.ns) / 1000.0,
                         finder.slowest_module, static_cast<double>(finder.slowest_ns) / 1000.0});
    std::sort(hooks.begin(), hooks.end(), [](const model::ImportHookCost& a, const model::ImportHookCost& b) {
        return std::tie(a.finder, a.slowest_module) < std::tie(b.finder, b.slowest_module);
    });
    return hooks;
}

/// From the warm-up: none when it compiled nothing (an older probe, or no module from source).
std::optional<model::CompileCost> compile_cost(const ProbeReport& warmup, const ProjectLayout& layout) {
    if (warmup.compiles.empty())
        return std::nullopt;
    model::CompileCost cost;
    for (const ProbeCompile& compiled : warmup.compiles) {
        double us = static_cast<double>(compiled.ns) / 1000.0;
        ++cost.modules;
        cost.us += us;
        if (is_project_file(compiled.file, layout)) {
            ++cost.project_modules;
            cost.project_us += us;
        }
    }
    return cost;
}

}  // namespace

model::Profile build_profile(const Captures& captures, const ProjectLayout& layout) {
    model::Profile profile = Builder(captures, layout).build();
    profile.bytecode = bytecode_caches(captures, layout);
    profile.import_hooks = import_hooks(captures.warmup.report);
    profile.compile = compile_cost(captures.warmup.report, layout);
    return profile;
}

}  // namespace lmms::capture

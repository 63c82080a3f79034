#include "policy/plan.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "model/import_graph.hpp"
#include "python/bindings.hpp"
#include "python/project_files.hpp"
#include "report/scan_report.hpp"

namespace lmms::policy {

const char* tier_name(Tier tier) {
    switch (tier) {
        case Tier::none:
            return "none";
        case Tier::light:
            return "light";
        case Tier::hot:
            return "hot";
        case Tier::cold:
            return "cold";
        case Tier::heavy_hot:
            return "heavy-hot";
        case Tier::heavy_cold:
            return "heavy-cold";
    }
    return "none";
}

const char* action_name(Action action) {
    switch (action) {
        case Action::keep:
            return "keep";
        case Action::fast_path:
            return "fast-path";
        case Action::in_fast_path:
            return "in-fast-path";
        case Action::exception:
            return "exception";
        case Action::lazy:
            return "lazy";
        case Action::hoist:
            return "hoist";
        case Action::cannot_move:
            return "cannot-move";
        case Action::unclassified:
            return "unclassified";
    }
    return "keep";
}

namespace {

using Edge = uint64_t;  ///< (from node << 32) | to node
Edge edge(uint32_t from, uint32_t to) {
    return static_cast<Edge>(from) << 32 | to;
}
using Cut = std::unordered_set<Edge>;

/// The profile's import graph, asked which modules stay on the cold path
/// when some import edges are cut (imports made lazy).
class ColdPath {
public:
    explicit ColdPath(const model::Profile& profile)
        : m_profile(profile), m_nodes(model::profile_graph(profile)) {
        for (uint32_t i = 0; i < profile.modules.size(); ++i)
            m_by_name.emplace(profile.modules[i].name, i);
    }

    /// Modules reachable from the entry, as a flag per module.
    std::vector<bool> reachable(const Cut& cut) const { return reach({0}, cut); }

    /// Modules reachable from the given modules (not the entry).
    std::vector<bool> reachable_from(const std::vector<uint32_t>& modules, const Cut& cut) const {
        std::vector<uint32_t> nodes;
        nodes.reserve(modules.size());
        for (uint32_t module : modules)
            nodes.push_back(module + 1);
        return reach(nodes, cut);
    }

    /// Self time (ms) of the modules flagged in `a` and not in `b`.
    double weight_of_difference(const std::vector<bool>& a, const std::vector<bool>& b) const {
        double us = 0;
        for (size_t i = 0; i < a.size(); ++i)
            if (a[i] && !b[i])
                us += m_profile.modules[i].self.median;
        return us / 1000.0;
    }

    /// Self time (ms) of the modules flagged.
    double weight(const std::vector<bool>& flags) const {
        return weight_of_difference(flags, std::vector<bool>(flags.size(), false));
    }

    size_t count(const std::vector<bool>& flags) const {
        return static_cast<size_t>(std::count(flags.begin(), flags.end(), true));
    }

    uint32_t site_node(model::SiteIndex site) const { return m_nodes.first_site + site.value; }
    static uint32_t module_node(model::ModuleIndex module) { return module.value + 1; }

    std::optional<uint32_t> find(const std::string& name) const {
        auto it = m_by_name.find(name);
        return it == m_by_name.end() ? std::nullopt : std::optional(it->second);
    }

private:
    std::vector<bool> reach(const std::vector<uint32_t>& starts, const Cut& cut) const {
        const model::ImportGraph& graph = m_nodes.graph;
        std::vector<bool> seen(graph.node_count(), false);
        std::vector<uint32_t> stack;
        for (uint32_t start : starts)
            if (!seen[start]) {
                seen[start] = true;
                stack.push_back(start);
            }
        while (!stack.empty()) {
            uint32_t node = stack.back();
            stack.pop_back();
            for (uint32_t next : graph.successors(node))
                if (!seen[next] && !cut.contains(edge(node, next))) {
                    seen[next] = true;
                    stack.push_back(next);
                }
        }
        return {seen.begin() + 1, seen.begin() + 1 + static_cast<std::ptrdiff_t>(m_profile.modules.size())};
    }

    const model::Profile& m_profile;
    model::ProfileGraph m_nodes;
    std::unordered_map<std::string, uint32_t> m_by_name;
};

/// A plan row with what deciding it needs.
struct Draft {
    PlanItem item;
    const ProjectModule* file = nullptr;
    const python::ImportSite* site = nullptr;  ///< the statement it is (part of)
    bool module_level = false;
    bool type_checking = false;
    bool in_entry = false;
    bool in_fast_path = false;
    bool imports_fast_path = false;
    bool file_on_cold_path = false;
    std::optional<uint32_t> importer;  ///< the profile module holding it
    std::vector<uint32_t> targets;     ///< profile modules this row imports on the cold path
    Cut edges;                         ///< what making it lazy cuts
    const model::SiteUsage* usage = nullptr;
    std::optional<size_t> name_index;           ///< for a split row: its name in the usage row
    std::optional<uint32_t> static_module_use;  ///< a load of its names that runs with the module
    std::string static_module_use_file;         ///< set when that load is in a star-importing file
    bool usage_stale = false;
};

/// Rows decided together: the imports of one library by one file, or one
/// name of a split `from package import a, b`.
struct Decision {
    std::vector<size_t> rows;
    Cut edges;
    std::optional<size_t> used;  ///< none when a row has no usage data
    std::optional<uint32_t> import_time_line;
    std::string import_time_function;
    std::string import_time_file;
    bool candidate = false;  ///< module level, on the cold path, may be made lazy
    bool lazy = false;
    std::optional<double>
        pending_cost;  ///< would be lazy, but is used at import time or its usage is unknown
};

std::string ms(double value) {
    return fmt::format("{:.1f} ms", value);
}

std::string threshold(double value) {
    return fmt::format("{:g}", value);
}

class Planner {
public:
    explicit Planner(const PlanInputs& inputs)
        : m_in(inputs),
          m_cold(*inputs.profile),
          m_preloaded(inputs.profile->preloaded.begin(), inputs.profile->preloaded.end()) {}

    Plan run() {
        collect_rows();
        join_usage();
        group_rows();
        decide_lazy_set();
        finish();
        return std::move(m_plan);
    }

private:
    bool is_project_module(const std::string& name) const {
        return m_project_modules.contains(name) || m_project_packages.contains(name);
    }

    void collect_rows() {
        const model::Profile& profile = *m_in.profile;
        for (const ProjectModule& file : m_in.files) {
            if (!file.module.empty()) {
                m_project_modules.insert(file.module);
                for (size_t dot = file.module.find('.'); dot != std::string::npos;
                     dot = file.module.find('.', dot + 1))
                    m_project_packages.insert(file.module.substr(0, dot));
            }
        }
        for (const ProjectModule& file : m_in.files) {
            bool is_package = file.path.ends_with("__init__.py");
            for (const python::ImportSite& site : file.facts->imports)
                if (site.star && site.scope == 0)
                    m_star_importers[python::absolute_module(file.module, is_package, site.level,
                                                             site.module)]
                        .push_back(&file);
        }
        // Sites by file:line; by file and statement when the line moved since
        // (an edit above it, or the fast path rewritten), if the statement is unique.
        std::map<std::pair<std::string, uint32_t>, model::SiteIndex> profiled;
        std::map<std::pair<std::string, std::string>, std::vector<model::SiteIndex>> by_statement;
        for (uint32_t s = 0; s < profile.sites.size(); ++s) {
            profiled.emplace(std::pair{profile.sites[s].file, profile.sites[s].line}, model::SiteIndex{s});
            by_statement[{profile.sites[s].file, profile.sites[s].statement}].push_back(model::SiteIndex{s});
        }
        auto find_profiled = [&](const std::string& file,
                                 const python::ImportSite& site) -> std::optional<model::SiteIndex> {
            std::string statement = report::import_statement_text(site);
            auto it = profiled.find({file, site.line});
            if (it != profiled.end() && profile.at(it->second).statement == statement)
                return it->second;
            auto same = by_statement.find({file, statement});
            if (same != by_statement.end() && same->second.size() == 1)
                return same->second.front();
            if (it != profiled.end() && profile.at(it->second).statement.empty())
                return it->second;  // a profile without statements: the line alone
            return std::nullopt;
        };

        for (const ProjectModule& file : m_in.files) {
            const python::FileFacts& facts = *file.facts;
            bool is_package = file.path.ends_with("__init__.py");
            bool file_on_cold_path = !file.module.empty() && m_cold.find(file.module).has_value();
            if (!m_in.entry_module.empty() && file.module == m_in.entry_module)
                m_plan.entry_file = file.path;
            for (const python::ImportSite& site : facts.imports) {
                if (site.future)
                    continue;
                std::optional<model::SiteIndex> profiled_site = find_profiled(file.path, site);
                for (Draft& draft : rows_of(file, is_package, site)) {
                    draft.file = &file;
                    draft.site = &site;
                    draft.module_level = python::enclosing_function(facts, site.scope) == 0;
                    draft.type_checking = site.guard == python::Guard::type_checking;
                    draft.in_entry = !m_in.entry_module.empty() && file.module == m_in.entry_module;
                    draft.in_fast_path = !m_in.fast_path_file.empty() && file.path == m_in.fast_path_file;
                    draft.imports_fast_path =
                        !m_in.fast_path_module.empty() && draft.item.module == m_in.fast_path_module;
                    draft.file_on_cold_path = file_on_cold_path;
                    draft.item.scope = site.scope == 0 ? "<module>" : facts.scopes[site.scope].qualname;
                    if (profiled_site && draft.module_level)
                        attach_profile(draft, *profiled_site, site);
                    if (auto module = m_cold.find(draft.item.module))
                        draft.item.cumulative_ms = profile.modules[*module].cumulative.median / 1000.0;
                    m_rows.push_back(std::move(draft));
                }
            }
        }
    }

    /// `import a, b` gives a row per module; `from package import a, b` of the
    /// project's own submodules a row per name; any other statement one row.
    std::vector<Draft> rows_of(const ProjectModule& file, bool is_package, const python::ImportSite& site) {
        std::vector<Draft> rows;
        auto base = [&](const python::ImportSite& part) {
            Draft draft;
            draft.item.file = file.path;
            draft.item.line = site.line;
            draft.item.col = site.col;
            draft.item.statement = report::import_statement_text(part);
            return draft;
        };
        if (!site.is_from) {
            for (const python::ImportedName& name : site.names) {
                python::ImportSite part = site;
                part.names = {name};
                Draft draft = base(part);
                draft.item.module = name.name;
                draft.item.names = {python::bound_name(site, name)};
                draft.item.library = python::top_level_package(name.name);
                rows.push_back(std::move(draft));
            }
            return rows;
        }
        std::string module = python::absolute_module(file.module, is_package, site.level, site.module);
        bool split = !site.star && is_project_module(module);
        for (const python::ImportedName& name : site.names)
            split = split && is_project_module(module + "." + name.name);
        if (split) {
            for (size_t i = 0; i < site.names.size(); ++i) {
                const python::ImportedName& name = site.names[i];
                Draft draft = base(site);
                draft.item.module = module + "." + name.name;
                draft.item.names = {python::bound_name(site, name)};
                draft.item.library = python::top_level_package(module);
                draft.item.split = true;
                draft.name_index = i;
                rows.push_back(std::move(draft));
            }
            return rows;
        }
        Draft draft = base(site);
        draft.item.module = module;
        draft.item.library = python::top_level_package(module);
        for (const python::ImportedName& name : site.names)
            if (name.name != "*")
                draft.item.names.push_back(python::bound_name(site, name));
        rows.push_back(std::move(draft));
        return rows;
    }

    void attach_profile(Draft& draft, model::SiteIndex index, const python::ImportSite& site) {
        const model::Profile& profile = *m_in.profile;
        const model::ImportSite& profiled = profile.at(index);
        bool several_rows = !site.is_from && site.names.size() > 1;
        for (model::ModuleIndex target : profiled.targets) {
            const std::string& name = profile.at(target).name;
            bool mine = draft.item.split ? name == draft.item.module
                        : several_rows   ? python::top_level_package(name) == draft.item.library
                                         : true;
            if (!mine)
                continue;
            draft.targets.push_back(target.value);
            draft.edges.insert(edge(m_cold.site_node(index), ColdPath::module_node(target)));
        }
        draft.item.on_cold_path = true;
        draft.importer = profiled.importer.value;
    }

    void join_usage() {
        if (m_in.usage == nullptr)
            return;
        // By file:line and module; by file, statement and module when the line moved.
        std::map<std::tuple<std::string, uint32_t, std::string>, const model::SiteUsage*> by_key;
        std::map<std::tuple<std::string, std::string, std::string>, std::vector<const model::SiteUsage*>>
            moved;
        for (const model::SiteUsage& site : m_in.usage->sites) {
            by_key.emplace(std::tuple{site.file, site.line, site.module}, &site);
            moved[{site.file, site.statement, site.module}].push_back(&site);
        }
        for (Draft& draft : m_rows) {
            std::string module = draft.item.module;
            if (draft.item.split)
                module = module.substr(0, module.rfind('.'));
            const model::SiteUsage* found = nullptr;
            if (auto it = by_key.find({draft.item.file, draft.item.line, module});
                it != by_key.end() && it->second->statement == draft.item.statement)
                found = it->second;
            else if (auto same = moved.find({draft.item.file, draft.item.statement, module});
                     same != moved.end() && same->second.size() == 1)
                found = same->second.front();
            if (found == nullptr) {
                draft.usage_stale = true;
                continue;
            }
            const model::SiteUsage& site = *found;
            bool names_match = draft.item.split
                                   ? draft.name_index && *draft.name_index < site.names.size() &&
                                         site.names[*draft.name_index] == draft.item.names.front()
                                   : site.names == draft.item.names;
            if (!names_match) {
                draft.usage_stale = true;
                continue;
            }
            draft.usage = &site;
        }
    }

    /// The first load of the row's names that runs with its module, if any,
    /// and the functions holding the others; a file that does
    /// `from <this module> import *` uses the names it does not bind.
    void find_static_module_use(Draft& draft) {
        const python::FileFacts& facts = *draft.file->facts;
        const python::ImportSite* site = draft.site;
        std::set<std::string> functions;
        auto note = [&](python::NameUse use, const python::FileFacts& in, const std::string& file) {
            if (use.function != 0) {
                functions.insert(in.scopes[use.function].qualname);
                return;
            }
            if (!draft.static_module_use || (file.empty() && !draft.static_module_use_file.empty()) ||
                (file == draft.static_module_use_file && use.line < *draft.static_module_use)) {
                draft.static_module_use = use.line;
                draft.static_module_use_file = file;
            }
        };
        for (const std::string& name : draft.item.names) {
            for (python::NameUse use : python::uses_of_import(facts, loads_of(facts), *site, name))
                note(use, facts, "");
            if (site->scope != 0 || !python::star_exports(facts, name))
                continue;
            for (const ProjectModule* importer : m_star_importers[draft.file->module])
                for (python::NameUse use :
                     python::unbound_uses(*importer->facts, loads_of(*importer->facts), name))
                    note(use, *importer->facts, importer->path);
        }
        draft.item.functions.assign(functions.begin(), functions.end());
    }

    const python::LoadsByName& loads_of(const python::FileFacts& facts) {
        auto [it, fresh] = m_loads.try_emplace(&facts);
        if (fresh)
            it->second = python::loads_by_name(facts);
        return it->second;
    }

    void group_rows() {
        std::map<std::pair<std::string, std::string>, size_t> by_library;
        for (size_t r = 0; r < m_rows.size(); ++r) {
            Draft& draft = m_rows[r];
            find_static_module_use(draft);
            bool candidate = draft.module_level && draft.item.on_cold_path && !draft.type_checking &&
                             !draft.imports_fast_path && !draft.targets.empty();
            size_t index = m_decisions.size();
            if (candidate && !draft.item.split) {
                // A library's imports in one file move together; a project module's alone.
                const std::string& key =
                    is_project_module(draft.item.library) ? draft.item.module : draft.item.library;
                auto [it, fresh] = by_library.try_emplace({draft.item.file, key}, index);
                index = it->second;
                if (fresh)
                    m_decisions.emplace_back();
            } else {
                m_decisions.emplace_back();
            }
            Decision& decision = m_decisions[index];
            decision.rows.push_back(r);
            decision.candidate = candidate;
            decision.edges.insert(draft.edges.begin(), draft.edges.end());
            draft.item.group = index + 1;
        }
        for (Decision& decision : m_decisions)
            summarize_usage(decision);
    }

    void summarize_usage(Decision& decision) {
        std::set<uint32_t> used_in;
        bool complete = m_in.usage != nullptr;
        size_t used = 0;
        for (size_t r : decision.rows) {
            Draft& draft = m_rows[r];
            if (draft.static_module_use &&
                (!decision.import_time_line || *draft.static_module_use < *decision.import_time_line)) {
                decision.import_time_line = draft.static_module_use;
                decision.import_time_function.clear();
                decision.import_time_file = draft.static_module_use_file;
            }
            if (draft.usage == nullptr) {
                complete = false;
                continue;
            }
            const model::SiteUsage& site = *draft.usage;
            if (draft.item.split) {
                used = site.name_used[*draft.name_index];
            } else {
                used_in.insert(site.used_in.begin(), site.used_in.end());
                used = used_in.size();
            }
            // The usage row records the first import-time use of any of its names.
            if (site.import_time_line && (!draft.item.split || uses_name_on(draft, *site.import_time_line)) &&
                (!decision.import_time_line || *site.import_time_line < *decision.import_time_line)) {
                decision.import_time_line = site.import_time_line;
                decision.import_time_function = site.import_time_function;
                decision.import_time_file = site.import_time_file;
            }
        }
        if (complete)
            decision.used = used;
    }

    bool uses_name_on(const Draft& draft, uint32_t line) const {
        for (const python::Reference& ref : draft.file->facts->references)
            if (ref.line == line && !ref.store && ref.name == draft.item.names.front())
                return true;
        return false;
    }

    size_t invocations() const { return m_in.usage == nullptr ? 0 : m_in.usage->invocations.size(); }

    double usage_percent(const Decision& decision) const {
        size_t total = invocations();
        return total == 0 ? 0 : 100.0 * static_cast<double>(*decision.used) / static_cast<double>(total);
    }

    Tier tier_of(double cost_ms, std::optional<double> usage) const {
        const config::Thresholds& t = m_in.thresholds;
        if (cost_ms < t.fast_ms)
            return Tier::light;
        if (!usage)
            return Tier::none;
        bool hot = *usage > t.hot_usage;
        if (cost_ms <= t.heavy_ms)
            return hot ? Tier::hot : Tier::cold;
        return hot ? Tier::heavy_hot : Tier::heavy_cold;
    }

    /// What leaves the cold path when `decision` joins the lazy `cut`.
    double marginal_ms(const Decision& decision, const Cut& cut, const std::vector<bool>& base) const {
        Cut more = cut;
        more.insert(decision.edges.begin(), decision.edges.end());
        return m_cold.weight_of_difference(base, m_cold.reachable(more));
    }

    std::optional<double> usage_of(const Decision& decision) const {
        if (!decision.used)
            return std::nullopt;
        return usage_percent(decision);
    }

    /// Starts from every import the usage allows to be lazy, so modules shared
    /// by several of them can leave together, then puts back at module level
    /// each one whose own cost (what would come back with it alone) is too
    /// small for the tier table. Putting one back can only lower the others'
    /// costs, so the set shrinks to a fixed point. Project modules are tried
    /// first: a heavy library is better made lazy where it is used, leaving
    /// the project modules that import it cheap to keep.
    /// Two passes. The first also lets imports used at import time and those
    /// without usage data be lazy, to find which of them would matter: they
    /// become "cannot move" and "unclassified" with that cost. The second
    /// decides the rest without them: the prediction never rests on a guess
    /// or on a move that cannot be made.
    void decide_lazy_set() {
        auto start = [&](bool with_pending) {
            m_cut.clear();
            for (Decision& decision : m_decisions) {
                std::optional<double> usage = usage_of(decision);
                bool movable = decision.candidate && !decision.pending_cost &&
                               (!usage || *usage <= m_in.thresholds.hot_usage) &&
                               (with_pending || (usage && !decision.import_time_line));
                decision.lazy = movable;
                if (movable)
                    m_cut.insert(decision.edges.begin(), decision.edges.end());
            }
            shrink_lazy_set();
        };
        start(true);
        std::vector<bool> after = m_cold.reachable(m_cut);
        for (Decision& decision : m_decisions)
            if (decision.lazy && (!decision.used || decision.import_time_line))
                decision.pending_cost = revert_cost(decision, after);
        start(false);
    }

    /// The lazy imports' edges but those of `decision`: the plan with it put back.
    Cut cut_without(const Decision& decision) const {
        Cut without = m_cut;
        for (Edge e : decision.edges)
            without.erase(e);
        return without;
    }

    /// What would come back to the cold path if `decision` alone were put back.
    double revert_cost(const Decision& decision, const std::vector<bool>& after) const {
        return m_cold.weight_of_difference(m_cold.reachable(cut_without(decision)), after);
    }

    /// The profile modules the decision's rows import.
    std::vector<uint32_t> targets_of(const Decision& decision) const {
        std::vector<uint32_t> targets;
        for (size_t r : decision.rows)
            targets.insert(targets.end(), m_rows[r].targets.begin(), m_rows[r].targets.end());
        return targets;
    }

    void shrink_lazy_set() {
        for (bool changed = true; changed;) {
            changed = false;
            for (bool project : {true, false}) {
                std::vector<bool> after = m_cold.reachable(m_cut);
                for (Decision& decision : m_decisions) {
                    if (!decision.lazy ||
                        is_project_module(m_rows[decision.rows.front()].item.library) != project)
                        continue;
                    Tier tier = tier_of(revert_cost(decision, after), usage_of(decision));
                    if (tier == Tier::cold || tier == Tier::heavy_cold || tier == Tier::none)
                        continue;
                    decision.lazy = false;
                    for (Edge e : decision.edges)
                        m_cut.erase(e);
                    after = m_cold.reachable(m_cut);
                    changed = true;
                }
            }
        }
    }

    /// A module on the final cold path that imports `target` other than
    /// through `decision`: why making it lazy would save little.
    std::string kept_through(const Decision& decision, const std::vector<bool>& after) const {
        const model::Profile& profile = *m_in.profile;
        for (size_t r : decision.rows)
            for (uint32_t target : m_rows[r].targets)
                for (const model::ImportEdge& e : profile.edges) {
                    if (e.to.value != target || !after[e.from.value] || e.from.value == target)
                        continue;
                    if (e.site &&
                        decision.edges.contains(edge(m_cold.site_node(*e.site), ColdPath::module_node(e.to))))
                        continue;
                    const model::Module& importer = profile.at(e.from);
                    if (python::top_level_package(importer.name) ==
                        python::top_level_package(profile.modules[target].name))
                        continue;  // the package's own modules, there because it is
                    if (e.site)
                        return model::location(profile.at(*e.site));
                    return importer.name;
                }
        return {};
    }

    void finish() {
        const model::Profile& profile = *m_in.profile;
        std::vector<bool> after = m_cold.reachable(m_cut);
        std::vector<bool> before = m_cold.reachable({});
        // What comes back to the cold path if one lazy decision alone is
        // reverted; a module that more than one would bring back is shared.
        std::unordered_map<size_t, std::vector<bool>> back;
        std::vector<int> holders(profile.modules.size(), 0);
        for (size_t d = 0; d < m_decisions.size(); ++d) {
            if (!m_decisions[d].lazy)
                continue;
            std::vector<bool> returned = m_cold.reachable(cut_without(m_decisions[d]));
            for (size_t m = 0; m < returned.size(); ++m) {
                returned[m] = returned[m] && !after[m];
                holders[m] += returned[m] ? 1 : 0;
            }
            back.emplace(d, std::move(returned));
        }
        double exclusive_total = 0;
        for (size_t d = 0; d < m_decisions.size(); ++d) {
            Decision& decision = m_decisions[d];
            std::optional<double> cost;
            double saving = 0, load = 0;
            if (decision.candidate && decision.lazy) {
                const std::vector<bool>& returned = back.at(d);
                std::vector<bool> exclusive(returned.size(), false);
                for (size_t m = 0; m < returned.size(); ++m)
                    exclusive[m] = returned[m] && holders[m] == 1;
                cost = m_cold.weight(returned);
                saving = m_cold.weight(exclusive);
                exclusive_total += saving;
                load = m_cold.weight_of_difference(m_cold.reachable_from(targets_of(decision), m_cut), after);
            } else if (decision.pending_cost) {
                cost = decision.pending_cost;
            } else if (decision.candidate) {
                cost = marginal_ms(decision, m_cut, after);
                // A hot import is documented with what it costs to load, even
                // when another eager import would keep its modules anyway.
                std::optional<double> usage = usage_of(decision);
                if (usage && *usage > m_in.thresholds.hot_usage) {
                    std::vector<bool> loaded = m_cold.reachable_from(targets_of(decision), m_cut);
                    for (size_t m = 0; m < loaded.size(); ++m)
                        loaded[m] = loaded[m] && after[m];
                    cost = std::max(*cost, m_cold.weight(loaded));
                }
            }
            for (size_t r : decision.rows)
                classify(m_rows[r], decision, cost, saving, load, after);
        }

        m_plan.thresholds = m_in.thresholds;
        m_plan.traffic = m_in.traffic;
        m_plan.entry_module = m_in.entry_module;
        m_plan.entry = profile.settings.entry;
        m_plan.fast_path_file = m_in.fast_path_file;
        m_plan.fast_path_module = m_in.fast_path_module;
        m_plan.profiled = profile.created;
        m_plan.python_version = profile.environment.python_version;
        m_plan.has_usage = m_in.usage != nullptr;
        m_plan.invocations = invocations();
        m_plan.usage_command = m_in.usage_command;
        if (m_in.usage != nullptr)
            m_plan.usage_workload = fmt::format("{} {} ({} invocations)", m_in.usage->workload,
                                                m_in.usage->workload_file, invocations());
        for (Draft& draft : m_rows) {
            // The fast path is not its own subject: until the entry imports it, its
            // lines are what the plan writes, not sites to plan.
            if (draft.in_fast_path && !draft.file_on_cold_path)
                continue;
            m_plan.items.push_back(std::move(draft.item));
        }
        std::stable_sort(m_plan.items.begin(), m_plan.items.end(), [](const PlanItem& a, const PlanItem& b) {
            return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
        });

        PlanSummary& summary = m_plan.summary;
        summary.measured_ms = profile.cold_start.total.median / 1000.0;
        summary.saved_ms = m_cold.weight_of_difference(before, after);
        summary.predicted_ms = summary.measured_ms - summary.saved_ms;
        summary.shared_ms = std::max(0.0, summary.saved_ms - exclusive_total);
        summary.improvement = summary.measured_ms > 0 ? summary.saved_ms / summary.measured_ms : 0;
        summary.modules_before = profile.cold_start.module_count.median;
        summary.modules_after =
            summary.modules_before - static_cast<double>(m_cold.count(before) - m_cold.count(after));
        std::set<std::string> fast_path_modules;
        std::vector<uint32_t> fast_path_targets;
        for (const PlanItem& item : m_plan.items) {
            summary.lazy += item.action == Action::lazy ? 1 : 0;
            summary.hoist += item.action == Action::hoist ? 1 : 0;
            summary.cannot_move += item.action == Action::cannot_move ? 1 : 0;
            summary.unclassified += item.action == Action::unclassified ? 1 : 0;
            summary.exceptions += item.action == Action::exception ? 1 : 0;
            summary.fast_path += item.action == Action::fast_path ? 1 : 0;
            if (listed_in_fast_path(item) && fast_path_modules.insert(item.module).second)
                if (auto module = m_cold.find(item.module))
                    fast_path_targets.push_back(*module);
        }
        summary.fast_path_imports = fast_path_modules.size();
        summary.fast_path_ms = m_cold.weight(m_cold.reachable_from(fast_path_targets, m_cut));
    }

    /// "line 29", "app/handler.py:21", "line 10 in stamp(), called while the module is imported".
    static std::string import_time_text(const Decision& decision) {
        std::string where = decision.import_time_file.empty()
                                ? fmt::format("line {}", *decision.import_time_line)
                                : fmt::format("{}:{}", decision.import_time_file, *decision.import_time_line);
        if (decision.import_time_function.empty())
            return where;
        return fmt::format("{} in {}(), called while the module is imported", where,
                           decision.import_time_function);
    }

    void classify(Draft& draft, const Decision& decision, std::optional<double> cost, double saving,
                  double load, const std::vector<bool>& after) {
        PlanItem& item = draft.item;
        const config::Thresholds& t = m_in.thresholds;
        item.invocations = invocations();
        item.used = decision.used;
        item.import_time_line = decision.import_time_line;
        item.import_time_function = decision.import_time_function;
        item.import_time_file = decision.import_time_file;
        item.cost_ms = cost;
        std::string usage_text =
            decision.used ? "used in " + usage_share(*decision.used, invocations()) : std::string();

        if (draft.type_checking) {
            item.reason = "only for type checkers (if TYPE_CHECKING:)";
            return;
        }
        if (draft.imports_fast_path) {
            item.reason = "imports the fast path";
            return;
        }
        if (m_preloaded.contains(item.module)) {
            item.tier = Tier::light;
            item.cost_ms = 0;
            if (!draft.module_level) {
                item.functions = {item.scope};
                item.action = Action::hoist;
                item.reason = fmt::format(
                    "0.0 ms if hoisted (< {} ms): {} is loaded before the entry runs, so "
                    "importing it here is only a lookup",
                    threshold(t.fast_ms), item.module);
                return;
            }
            item.reason = fmt::format("0.0 ms: {} is loaded before the entry runs", item.module);
            item.action = draft.in_fast_path ? Action::in_fast_path
                          : draft.in_entry   ? Action::fast_path
                                             : Action::keep;
            return;
        }
        if (!draft.module_level) {
            classify_function_level(draft, decision, usage_text, after);
            return;
        }
        if (!item.on_cold_path || !decision.candidate) {
            item.reason = draft.file_on_cold_path
                              ? "did not run at cold start (a branch not taken)"
                              : "not on the entry's cold path: its module is not imported at "
                                "cold start";
            return;
        }
        if (draft.importer && !after[*draft.importer]) {
            item.reason = fmt::format(
                "off the cold path once the plan is applied: its module {} is then imported "
                "lazily",
                m_in.profile->modules[*draft.importer].name);
            item.cost_ms.reset();
            return;
        }
        std::optional<double> usage = usage_of(decision);
        item.tier = tier_of(*cost, usage);
        // A hot import is measured by what it loads; any other by what leaving would save.
        bool hot = usage && *usage > t.hot_usage;
        std::string cost_text = ms(*cost) + (hot ? " to import" : " if lazy");
        if (item.tier == Tier::none && decision.import_time_line) {
            item.action = Action::cannot_move;
            item.reason = fmt::format(
                "{} (>= {} ms); usage not measured, but used at import time, {}: it stays "
                "at module level whatever the usage",
                cost_text, threshold(t.fast_ms), import_time_text(decision));
            return;
        }
        if (item.tier == Tier::none) {
            item.action = Action::unclassified;
            item.reason = fmt::format(
                "unclassified: no usage data; {} (>= {} ms), so the tier depends on usage; "
                "run `{}`",
                cost_text, threshold(t.fast_ms),
                m_in.usage_command.empty() ? "lmms usage" : m_in.usage_command);
            if (draft.usage_stale && m_in.usage != nullptr)
                item.reason = fmt::format(
                    "unclassified: the usage data has no row for this line (the source "
                    "changed since `lmms usage`?); {} (>= {} ms); run `{}` again",
                    cost_text, threshold(t.fast_ms),
                    m_in.usage_command.empty() ? "lmms usage" : m_in.usage_command);
            return;
        }
        std::string band;
        switch (item.tier) {
            case Tier::light:
                band = fmt::format("< {} ms: lightweight, module level at any usage", threshold(t.fast_ms));
                break;
            case Tier::hot:
                band = fmt::format("{}-{} ms, {} > {} %: hot path, module level", threshold(t.fast_ms),
                                   threshold(t.heavy_ms), usage_text, threshold(t.hot_usage));
                break;
            case Tier::cold:
                band = fmt::format("{}-{} ms, {} <= {} %: function level", threshold(t.fast_ms),
                                   threshold(t.heavy_ms), usage_text, threshold(t.hot_usage));
                break;
            case Tier::heavy_hot:
                band = fmt::format("> {} ms, {} > {} %: module level as a documented hot-path exception",
                                   threshold(t.heavy_ms), usage_text, threshold(t.hot_usage));
                break;
            case Tier::heavy_cold:
                band = fmt::format("> {} ms, {} <= {} %: function level", threshold(t.heavy_ms), usage_text,
                                   threshold(t.hot_usage));
                break;
            case Tier::none:
                break;
        }
        item.reason = fmt::format("{} ({})", cost_text, band);
        if (item.tier == Tier::light && item.cumulative_ms && *item.cumulative_ms >= t.fast_ms) {
            item.kept_through = kept_through(decision, after);
            if (!item.kept_through.empty())
                item.reason += fmt::format("; its {} import stays on the cold path through {}",
                                           ms(*item.cumulative_ms), item.kept_through);
        }

        bool wants_lazy = item.tier == Tier::cold || item.tier == Tier::heavy_cold;
        if (wants_lazy && decision.import_time_line) {
            item.action = Action::cannot_move;
            item.reason += "; but used at import time, " + import_time_text(decision);
            return;
        }
        if (decision.lazy) {
            item.action = Action::lazy;
            item.saving_ms = saving;
            item.load_ms = load;
            item.figures = cost_figures(saving, load, usage.value_or(0) / 100.0, m_in.traffic);
            if (item.functions.empty())
                item.reason += "; no function uses it: remove it";
            return;
        }
        if (draft.in_fast_path) {
            item.action = Action::in_fast_path;
            return;
        }
        if (item.tier == Tier::heavy_hot) {
            item.action = Action::exception;
            return;
        }
        item.action = draft.in_entry ? Action::fast_path : Action::keep;
    }

    void classify_function_level(Draft& draft, const Decision& decision, const std::string& usage_text,
                                 const std::vector<bool>& after) {
        PlanItem& item = draft.item;
        const config::Thresholds& t = m_in.thresholds;
        item.functions = {item.scope};
        auto module = m_cold.find(item.module);
        bool loaded = module && after[*module];
        if (loaded) {
            item.tier = Tier::light;
            item.cost_ms = 0;
            item.action = Action::hoist;
            item.reason = fmt::format(
                "0.0 ms if hoisted (< {} ms): {} is imported at cold start anyway, so "
                "importing it here is only a lookup",
                threshold(t.fast_ms), item.module);
            return;
        }
        if (decision.used && usage_percent(decision) > t.hot_usage) {
            item.action = Action::hoist;
            item.reason = fmt::format(
                "{} > {} %: module level at any import cost (its cost is not profiled: "
                "nothing imports it at cold start; `lmms profile` after hoisting measures it "
                "and says whether it needs a documented exception)",
                usage_text, threshold(t.hot_usage));
            return;
        }
        item.reason = "function level";
        if (decision.used)
            item.reason += fmt::format(", {}", usage_text);
        item.reason += "; its import cost is not profiled (nothing imports it at cold start)";
    }

    const PlanInputs& m_in;
    ColdPath m_cold;
    std::set<std::string> m_preloaded;
    std::set<std::string> m_project_modules;
    std::set<std::string> m_project_packages;
    std::vector<Draft> m_rows;
    std::vector<Decision> m_decisions;
    std::unordered_map<const python::FileFacts*, python::LoadsByName> m_loads;
    std::map<std::string, std::vector<const ProjectModule*>> m_star_importers;
    Cut m_cut;
    Plan m_plan;
};

}  // namespace

std::string usage_share(size_t used, size_t invocations) {
    double share =
        invocations == 0 ? 0.0 : 100.0 * static_cast<double>(used) / static_cast<double>(invocations);
    return fmt::format("{:.1f} % ({}/{})", share, used, invocations);
}

bool listed_in_fast_path(const PlanItem& item) {
    if (item.action == Action::fast_path || item.action == Action::in_fast_path ||
        item.action == Action::exception)
        return true;
    return item.action == Action::keep && item.on_cold_path &&
           (item.tier == Tier::hot || item.tier == Tier::heavy_hot);
}

Plan make_plan(const PlanInputs& inputs) {
    return Planner(inputs).run();
}

}  // namespace lmms::policy

#include "policy/plan_rows.hpp"

#include <map>
#include <set>
#include <unordered_map>

#include "python/bindings.hpp"
#include "python/project_files.hpp"
#include "python/statement_text.hpp"

namespace lmms::policy {

namespace {

class RowBuilder {
public:
    RowBuilder(const PlanInputs& inputs, const ColdPath& cold, const ProjectReaders& readers)
        : m_in(inputs), m_cold(cold), m_readers(readers) {}

    Rows run() {
        collect_rows();
        join_usage();
        group_rows();
        return std::move(m_out);
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
            std::string statement = python::import_statement_text(site);
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
            bool file_on_cold_path = on_cold_path(file);
            if (!m_in.entry_module.empty() && file.module == m_in.entry_module)
                m_out.entry_file = file.path;
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
                    m_out.drafts.push_back(std::move(draft));
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
            draft.item.statement = python::import_statement_text(part);
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
        for (Draft& draft : m_out.drafts) {
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
        for (const python::Reference& ref : facts.references)
            for (const std::string& name : draft.item.names)
                draft.annotated = draft.annotated || (ref.annotation && !ref.store && ref.name == name);
    }

    const python::LoadsByName& loads_of(const python::FileFacts& facts) {
        auto [it, fresh] = m_loads.try_emplace(&facts);
        if (fresh)
            it->second = python::loads_by_name(facts);
        return it->second;
    }

    void group_rows() {
        std::map<std::pair<std::string, std::string>, size_t> by_library;
        for (size_t r = 0; r < m_out.drafts.size(); ++r) {
            Draft& draft = m_out.drafts[r];
            find_static_module_use(draft);
            bool candidate = draft.module_level && draft.item.on_cold_path && !draft.type_checking &&
                             !draft.imports_fast_path && !draft.targets.empty() &&
                             !imports_only_failed(draft);
            if (candidate && !draft.in_fast_path)  // the fast path is read by the entry by design
                draft.readers = m_readers.of(*draft.file, draft.item.names);
            size_t index = m_out.decisions.size();
            if (candidate && !draft.item.split) {
                // A library's imports in one file move together; a project module's alone.
                const std::string& key =
                    is_project_module(draft.item.library) ? draft.item.module : draft.item.library;
                auto [it, fresh] = by_library.try_emplace({draft.item.file, key}, index);
                index = it->second;
                if (fresh)
                    m_out.decisions.emplace_back();
            } else {
                m_out.decisions.emplace_back();
            }
            Decision& decision = m_out.decisions[index];
            decision.rows.push_back(r);
            decision.read_elsewhere = decision.read_elsewhere || !draft.readers.empty();
            decision.candidate = candidate;
            decision.project = is_project_module(draft.item.library);
            decision.targets.insert(decision.targets.end(), draft.targets.begin(), draft.targets.end());
            decision.edges.insert(draft.edges.begin(), draft.edges.end());
            draft.item.group = index + 1;
        }
        for (Decision& decision : m_out.decisions)
            summarize_usage(decision);
    }

    void summarize_usage(Decision& decision) {
        std::set<uint32_t> used_in;
        bool complete = m_in.usage != nullptr;
        size_t used = 0;
        for (size_t r : decision.rows) {
            Draft& draft = m_out.drafts[r];
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
            // The first import-time use of any of its names that keeps it on the cold path.
            const model::ImportTimeUse* use = blocking_use(draft, site);
            if (use != nullptr && (!decision.import_time_line || use->line < *decision.import_time_line)) {
                decision.import_time_line = use->line;
                decision.import_time_function = use->function;
                decision.import_time_file = use->file == draft.item.file ? "" : use->file;
            }
        }
        if (complete)
            decision.used = used;
        for (size_t r : decision.rows)
            decision.unread =
                decision.unread || (decision.candidate && !decision.import_time_line &&
                                    m_out.drafts[r].item.functions.empty() && !m_out.drafts[r].annotated);
    }

    /// The usage row's first import-time use that blocks a move. Another
    /// module's module-level `from F import name` is the readers rule's to
    /// decide (it blocks only while that module stays on the cold path); a use
    /// in a file the entry does not import at cold start blocks nothing.
    const model::ImportTimeUse* blocking_use(const Draft& draft, const model::SiteUsage& site) const {
        for (const model::ImportTimeUse& use : site.import_time_uses) {
            if (draft.item.split &&
                (use.name.empty() ? !uses_name_on(draft, use.line) : use.name != draft.item.names.front()))
                continue;
            if (use.file != draft.item.file &&
                (use.kind == model::ImportTimeKind::from_import || !file_on_cold_path(use.file)))
                continue;
            return &use;
        }
        return nullptr;
    }

    /// The profile saw the file's module imported at cold start.
    bool on_cold_path(const ProjectModule& file) const {
        return !file.module.empty() && m_cold.find(file.module).has_value();
    }

    bool file_on_cold_path(const std::string& path) const {
        auto file = std::find_if(m_in.files.begin(), m_in.files.end(),
                                 [&](const ProjectModule& f) { return f.path == path; });
        return file != m_in.files.end() && on_cold_path(*file);
    }

    /// Its every target failed to import at cold start: it loads nothing to move.
    bool imports_only_failed(const Draft& draft) const {
        for (uint32_t target : draft.targets)
            if (!m_in.profile->modules[target].failed)
                return false;
        return true;
    }

    bool uses_name_on(const Draft& draft, uint32_t line) const {
        for (const python::Reference& ref : draft.file->facts->references)
            if (ref.line == line && !ref.store && ref.name == draft.item.names.front())
                return true;
        return false;
    }

    const PlanInputs& m_in;
    const ColdPath& m_cold;
    std::set<std::string> m_project_modules;
    std::set<std::string> m_project_packages;
    std::unordered_map<const python::FileFacts*, python::LoadsByName> m_loads;
    std::map<std::string, std::vector<const ProjectModule*>> m_star_importers;
    const ProjectReaders& m_readers;
    Rows m_out;
};

}  // namespace

Rows build_rows(const PlanInputs& inputs, const ColdPath& cold, const ProjectReaders& readers) {
    return RowBuilder(inputs, cold, readers).run();
}

}  // namespace lmms::policy

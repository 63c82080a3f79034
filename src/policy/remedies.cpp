#include "policy/remedies.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

#include "policy/readers_rule.hpp"
#include "python/module_statements.hpp"

namespace lmms::policy {

namespace {

using model::ImportTimeKind;
using model::ImportTimeUse;

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

/// Line `line` (from 1) of the file, trimmed, without a trailing comment's `#` part.
std::string line_text(const python::FileFacts& facts, uint32_t line) {
    if (!facts.source || line == 0)
        return {};
    std::string_view source = *facts.source;
    size_t at = 0;
    for (uint32_t l = 1; l < line && at != std::string_view::npos; ++l) {
        at = source.find('\n', at);
        at = at == std::string_view::npos ? at : at + 1;
    }
    if (at == std::string_view::npos || at >= source.size())
        return {};
    size_t end = source.find('\n', at);
    std::string_view text = source.substr(at, end == std::string_view::npos ? source.size() - at : end - at);
    if (size_t hash = text.find("  #"); hash != std::string_view::npos)
        text = text.substr(0, hash);
    return std::string(trimmed(text));
}

/// "line 16" in the row's own file, "cli/app.py:16" in another.
std::string at_text(const Draft& row, const ImportTimeUse& use) {
    return use.file == row.item.file ? fmt::format("line {}", use.line)
                                     : fmt::format("{}:{}", use.file, use.line);
}

/// "`plotlib.use(\"Agg\")` (line 16)", or the place alone when the text is not at hand.
std::string shown(const Draft& row, const ImportTimeUse& use) {
    std::string text = use.file == row.item.file ? line_text(*row.file->facts, use.line) : std::string();
    return text.empty() ? at_text(row, use) : fmt::format("`{}` ({})", text, at_text(row, use));
}

std::string places(const Draft& row, const std::vector<ImportTimeUse>& uses) {
    std::string text;
    for (const ImportTimeUse& use : uses)
        text += (text.empty() ? "" : ", ") + at_text(row, use);
    return text;
}

/// The module-level try statement (with an `except ImportError`) holding `line`, or -1.
int32_t import_try_of(const python::FileFacts& facts, uint32_t line) {
    int32_t at = python::statement_at(facts.statements, line);
    while (at >= 0) {
        const python::ModuleStatement& statement = facts.statements[static_cast<size_t>(at)];
        if (statement.kind == python::ModuleStatementKind::try_statement && statement.catches_import_error)
            return at;
        at = statement.parent;
    }
    return -1;
}

/// Whether the try statement sets a flag both ways: `HAS_X = True` and `HAS_X = False`.
bool sets_flag(const python::FileFacts& facts, int32_t block) {
    std::set<std::string> set_true, set_false;
    for (const python::ModuleStatement& statement : facts.statements) {
        if (statement.parent != block || statement.kind != python::ModuleStatementKind::assignment)
            continue;
        std::string text = line_text(facts, statement.line);
        size_t eq = text.find('=');
        if (eq == std::string::npos)
            continue;
        std::string name(trimmed(std::string_view(text).substr(0, eq)));
        std::string_view value = trimmed(std::string_view(text).substr(eq + 1));
        if (name.empty() || name.find_first_of(" ,.[(") != std::string::npos)
            continue;
        if (value == "True")
            set_true.insert(name);
        else if (value == "False")
            set_false.insert(name);
    }
    return std::any_of(set_true.begin(), set_true.end(),
                       [&](const std::string& n) { return set_false.contains(n); });
}

/// "class Row" or "def run": the module-level definition holding `line`, or empty.
std::string definition_at(const python::FileFacts& facts, uint32_t line) {
    for (const python::ModuleStatement& statement : facts.statements) {
        bool def = statement.kind == python::ModuleStatementKind::function_def;
        if ((def || statement.kind == python::ModuleStatementKind::class_def) && line >= statement.line &&
            line <= statement.end_line)
            return (def ? "def " : "class ") + statement.name;
    }
    return {};
}

std::string names_text(const Draft& row) {
    std::string text;
    for (const std::string& name : row.item.names)
        text += (text.empty() ? "`" : ", `") + name + "`";
    return text.empty() ? "`" + row.item.module + "`" : text;
}

std::string top_package(const std::string& module) {
    return module.substr(0, module.find('.'));
}

/// The feature-flag remedy: a probe when the block sets a flag and the names
/// are read at import time only inside it, else the flag's own.
Remedy feature_flag_remedy(const Draft& row, const std::vector<ImportTimeUse>& uses) {
    Remedy remedy;
    remedy.kind = RemedyKind::find_spec_flag;
    remedy.fix = RemedyFix::unsafe;
    const python::FileFacts& facts = *row.file->facts;
    int32_t block =
        row.site->guard == python::Guard::try_import_error ? import_try_of(facts, row.item.line) : -1;
    std::string spec =
        fmt::format("`importlib.util.find_spec(\"{}\") is not None`", top_package(row.item.module));
    if (block < 0) {
        remedy.fix = RemedyFix::manual;
        remedy.edit =
            fmt::format("test whether {} is installed with {} instead of importing it at module level",
                        row.item.module, spec);
        return remedy;
    }
    const python::ModuleStatement& statement = facts.statements[static_cast<size_t>(block)];
    bool inside = std::all_of(uses.begin(), uses.end(), [&](const ImportTimeUse& use) {
        return use.file == row.item.file && use.line >= statement.line && use.line <= statement.end_line;
    });
    if (inside && sets_flag(facts, block)) {
        remedy.kind = RemedyKind::find_spec_probe;
        // find_spec of a submodule imports its parents: judgement needed.
        remedy.fix = row.item.module.find('.') == std::string::npos ? RemedyFix::safe : RemedyFix::unsafe;
        remedy.edit = fmt::format(
            "the try/except ImportError at line {} only probes whether {} is installed: its flag becomes {}, "
            "and the functions that use {} import it",
            statement.line, row.item.module, spec, names_text(row));
        return remedy;
    }
    remedy.edit = fmt::format(
        "move the try/except ImportError at line {} as a unit into the functions that use {}; the "
        "module-level "
        "test ({}) becomes {}",
        statement.line, names_text(row), places(row, uses), spec);
    return remedy;
}

std::string edit_of(RemedyKind kind, const Draft& row, const std::vector<ImportTimeUse>& uses) {
    const ImportTimeUse& first = uses.front();
    std::string more = uses.size() > 1 ? fmt::format(" and {} more", uses.size() - 1) : "";
    switch (kind) {
        case RemedyKind::move_configuring_call:
            return fmt::format(
                "move {}{} with the {} imports, in their order, into the functions that use them",
                shown(row, first), more, top_package(row.item.module));
        case RemedyKind::cached_factory:
            return fmt::format(
                "make the module-level object {}{} a cached factory (`@functools.cache def name(): ...`) "
                "and its readers call it",
                shown(row, first), more);
        case RemedyKind::own_module_for_class: {
            std::string name =
                first.file == row.item.file ? definition_at(*row.file->facts, first.line) : std::string();
            return fmt::format("move {} ({}) into its own module, imported where it is used",
                               name.empty() ? "the definition" : name, places(row, uses));
        }
        case RemedyKind::lazy_in_handlers:
            return fmt::format(
                "keep the registrations ({}) eager; move the heavy imports the registered handlers need into "
                "the handlers",
                places(row, uses));
        case RemedyKind::module_getattr:
            return fmt::format("a module `__getattr__` (PEP 562) imports {} on first access",
                               names_text(row));
        case RemedyKind::find_spec_flag:
        case RemedyKind::find_spec_probe:
        case RemedyKind::move_with_remedies:
            break;
    }
    return {};
}

bool is_mechanical(RemedyKind kind) {
    return kind != RemedyKind::own_module_for_class && kind != RemedyKind::lazy_in_handlers;
}

/// The name `NAME = ...` on `line` binds, or empty.
std::string assigned_name(const python::FileFacts& facts, uint32_t line) {
    std::string text = line_text(facts, line);
    size_t eq = text.find('=');
    if (eq == std::string::npos || (eq + 1 < text.size() && text[eq + 1] == '='))
        return {};
    std::string name(trimmed(std::string_view(text).substr(0, eq)));
    return name.find_first_of(" ,.[(:") == std::string::npos ? name : std::string();
}

/// `file:line` of every other module's reader of the objects a cached factory would turn into functions.
std::vector<std::string> factory_readers(const Draft& row, const ProjectReaders& project,
                                         const std::vector<ImportTimeUse>& uses) {
    std::vector<std::string> readers;
    for (const ImportTimeUse& use : uses) {
        if (use.kind != ImportTimeKind::module_object || use.file != row.item.file)
            continue;
        std::string name = assigned_name(*row.file->facts, use.line);
        if (name.empty())
            continue;
        for (const NameReader& reader : project.of(*row.file, {name}))
            readers.push_back(reader_location(reader));
    }
    std::sort(readers.begin(), readers.end());
    readers.erase(std::unique(readers.begin(), readers.end()), readers.end());
    return readers;
}

}  // namespace

std::optional<RemedyKind> remedy_of(ImportTimeKind kind) {
    switch (kind) {
        case ImportTimeKind::configuring_call:
            return RemedyKind::move_configuring_call;
        case ImportTimeKind::feature_flag:
            return RemedyKind::find_spec_flag;
        case ImportTimeKind::module_object:
            return RemedyKind::cached_factory;
        case ImportTimeKind::base_class:
        case ImportTimeKind::class_body:
        case ImportTimeKind::decorator:
        case ImportTimeKind::default_argument:
        case ImportTimeKind::annotation:
            return RemedyKind::own_module_for_class;
        case ImportTimeKind::registration:
            return RemedyKind::lazy_in_handlers;
        case ImportTimeKind::from_import:
        case ImportTimeKind::call:
        case ImportTimeKind::other:
            break;
    }
    return std::nullopt;
}

std::vector<ImportTimeUse> import_time_uses_of(const std::vector<const Draft*>& rows) {
    std::vector<ImportTimeUse> uses;
    for (const Draft* row : rows) {
        if (row->usage == nullptr)
            continue;
        for (const ImportTimeUse& use : row->usage->import_time_uses)
            if (!row->item.split || use.name == row->item.names.front())
                uses.push_back(use);
    }
    auto key = [](const ImportTimeUse& u) { return std::tie(u.file, u.line, u.kind); };
    std::stable_sort(uses.begin(), uses.end(),
                     [&](const ImportTimeUse& a, const ImportTimeUse& b) { return key(a) < key(b); });
    uses.erase(std::unique(uses.begin(), uses.end(),
                           [&](const ImportTimeUse& a, const ImportTimeUse& b) { return key(a) == key(b); }),
               uses.end());
    return uses;
}

std::optional<Remedy> choose_remedy(const Draft& blocked, const std::vector<ImportTimeUse>& uses,
                                    double saving_ms) {
    std::set<RemedyKind> kinds;
    std::set<std::string> unmapped;
    for (const ImportTimeUse& use : uses) {
        if (auto kind = remedy_of(use.kind))
            kinds.insert(*kind);
        else
            unmapped.insert(model::import_time_kind_name(use.kind));
    }
    if (kinds.empty() || blocked.file == nullptr || blocked.site == nullptr)
        return std::nullopt;
    Remedy remedy;
    if (kinds.size() == 1 && unmapped.empty()) {
        remedy.kind = *kinds.begin();
        remedy.fix = is_mechanical(remedy.kind) ? RemedyFix::unsafe : RemedyFix::manual;
        if (remedy.kind == RemedyKind::find_spec_flag)
            remedy = feature_flag_remedy(blocked, uses);
        else
            remedy.edit = edit_of(remedy.kind, blocked, uses);
    } else {
        // A mix: no one mechanical edit unblocks it; the remedy that is not
        // mechanical names what is left to do by hand.
        auto manual =
            std::find_if(kinds.begin(), kinds.end(), [](RemedyKind k) { return !is_mechanical(k); });
        remedy.kind = manual != kinds.end() ? *manual : *kinds.begin();
        remedy.fix = RemedyFix::manual;
        std::vector<ImportTimeUse> own;
        std::set<std::string> others(unmapped);
        for (const ImportTimeUse& use : uses) {
            if (remedy_of(use.kind) == remedy.kind)
                own.push_back(use);
            else if (remedy_of(use.kind))
                others.insert(model::import_time_kind_name(use.kind));
        }
        std::string also;
        for (const std::string& kind : others)
            also += (also.empty() ? "" : ", ") + kind;
        remedy.edit = (remedy.kind == RemedyKind::find_spec_flag ? feature_flag_remedy(blocked, own).edit
                                                                 : edit_of(remedy.kind, blocked, own)) +
                      fmt::format("; it is also used at import time as {}: a mix of kinds, so by hand", also);
    }
    remedy.saving_ms = saving_ms;
    for (const ImportTimeUse& use : uses)
        remedy.blocking.push_back({use.file, use.line, model::import_time_kind_name(use.kind)});
    return remedy;
}

namespace {

/// choose_remedy, and a cached factory other modules read is by hand: lmms fix
/// refuses it (their `m.env` would need `m.env()`).
std::optional<Remedy> import_time_remedy(const Draft& blocked, const std::vector<ImportTimeUse>& uses,
                                         const ProjectReaders& project, double saving_ms) {
    std::optional<Remedy> remedy = choose_remedy(blocked, uses, saving_ms);
    if (!remedy || remedy->kind != RemedyKind::cached_factory)
        return remedy;
    remedy->readers = factory_readers(blocked, project, uses);
    if (!remedy->readers.empty()) {
        remedy->fix = RemedyFix::manual;
        remedy->edit += fmt::format(", by hand: {} read{} it", fmt::join(remedy->readers, ", "),
                                    remedy->readers.size() == 1 ? "s" : "");
    }
    return remedy;
}

}  // namespace

void attach_remedies(Rows& rows, const ProjectReaders& project) {
    for (const Decision& decision : rows.decisions) {
        std::vector<const Draft*> members;
        for (size_t r : decision.rows)
            members.push_back(&rows.drafts[r]);
        std::vector<ImportTimeUse> uses = import_time_uses_of(members);
        bool configuring_given = false;
        for (size_t r : decision.rows) {
            Draft& draft = rows.drafts[r];
            PlanItem& item = draft.item;
            if (item.action != Action::cannot_move || item.why.code != ReasonCode::used_at_import_time ||
                !draft.module_level || !item.cost_ms)
                continue;
            std::optional<Remedy> remedy = import_time_remedy(draft, uses, project, *item.cost_ms);
            if (!remedy)
                continue;
            if (remedy->kind == RemedyKind::move_configuring_call && remedy->fix != RemedyFix::manual) {
                if (configuring_given)
                    continue;  // the first row's fix moves the library's imports as one
                configuring_given = true;
            }
            for (const ImportTimeUse& use : uses) {
                bool listed = std::any_of(
                    item.why.blocking.begin(), item.why.blocking.end(), [&](const SourceLine& at) {
                        return at.line == use.line && (at.same_file ? item.file : at.file) == use.file;
                    });
                if (!listed)
                    item.why.blocking.push_back(
                        {use.file, use.line, use.function, use.file == item.file, {}});
            }
            item.why.remedy = remedy->edit;
            item.why.remedy_saving_ms = remedy->saving_ms;
            item.remedy = std::move(remedy);
            item.reason = render_reason(item.why);
        }
    }
}

std::optional<RemedyFix> mechanical_remedy_of(const Decision& decision, const Rows& rows,
                                              const ProjectReaders& readers,
                                              const OnColdPathAfter& on_cold_path) {
    if (!decision.candidate || decision.rows.empty() ||
        (decision.import_time_line.has_value() == decision.read_elsewhere))
        return std::nullopt;
    std::vector<const Draft*> members;
    for (size_t r : decision.rows)
        members.push_back(&rows.drafts[r]);
    if (decision.import_time_line) {
        std::vector<ImportTimeUse> uses = import_time_uses_of(members);
        const Draft& first = *members.front();
        std::optional<Remedy> remedy =
            uses.empty() ? std::nullopt : import_time_remedy(first, uses, readers, 0);
        if (!remedy || remedy->fix == RemedyFix::manual)
            return std::nullopt;
        return remedy->fix;
    }
    RemedyFix worst = RemedyFix::safe;
    for (const Draft* draft : members) {
        if (draft->readers.empty())
            continue;
        if (!import_time_readers(draft->readers, on_cold_path).empty())
            return std::nullopt;
        RemedyFix fix =
            getattr_remedy(draft->item, *draft->file, draft->readers, read_in_own_file(*draft), 0).fix;
        worst = std::max(worst, fix);
    }
    return worst == RemedyFix::manual ? std::nullopt : std::optional(worst);
}

}  // namespace lmms::policy

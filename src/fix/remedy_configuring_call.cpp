// Remedy `move_configuring_call` (TRAPS.md B.5): `import matplotlib`,
// `matplotlib.use("Agg")`, `import matplotlib.pyplot as plt` move together,
// in their order, into each function that reads one of their names, and
// leave module level. The call must still run before pyplot is imported.

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "fix/remedy_fix.hpp"
#include "fix/site_text.hpp"
#include "python/statement_text.hpp"
#include "report/scan_report.hpp"

namespace lmms::fix {

namespace {

using python::ImportSite;
using python::Node;
using python::NodeId;
using python::NodeKind;

/// The statements that move as one: the library's module-level imports and
/// the calls on the names they bind, by line.
struct Unit {
    std::vector<const ImportSite*> imports;
    std::vector<NodeId> statements;  ///< imports and calls, in order
    std::set<std::string> bound;
    size_t calls = 0;
    std::string refused;
};

bool is_call_on(const ModuleSyntax& syntax, NodeId statement, const std::set<std::string>& bound) {
    const Node& node = syntax.node(statement);
    if (node.kind != NodeKind::statement || node.child_count != 1)
        return false;
    NodeId call = syntax.tree().children(statement)[0];
    if (syntax.node(call).kind != NodeKind::call || syntax.node(call).child_count == 0)
        return false;
    return bound.contains(std::string(syntax.root_name(syntax.tree().children(call)[0])));
}

Unit find_unit(const FileView& file, const ModuleSyntax& syntax, const ImportSite& blocked,
               const std::vector<std::string>& configuring) {
    Unit unit;
    std::string library = top_module(file, blocked);
    for (const ImportSite& site : file.facts->imports) {
        if (site.scope != 0 || site.guard == python::Guard::type_checking ||
            top_module(file, site) != library)
            continue;
        if (std::string why = movable_from_module_level(file, site); !why.empty()) {
            unit.refused =
                fmt::format("`{}` (line {}) is {}", python::import_statement_text(site), site.line, why);
            return unit;
        }
        unit.imports.push_back(&site);
        for (const std::string& name : bound_names(site))
            unit.bound.insert(name);
    }
    for (NodeId statement : syntax.statements()) {
        const Node& node = syntax.node(statement);
        bool is_import = std::any_of(unit.imports.begin(), unit.imports.end(),
                                     [&](const ImportSite* site) { return site->line == node.line; });
        bool is_call = !is_import && is_call_on(syntax, statement, unit.bound);
        if (!is_import && !is_call)
            continue;
        std::string text = syntax.text(node);
        if (is_call && std::find(configuring.begin(), configuring.end(), text) == configuring.end()) {
            unit.refused = fmt::format(
                "line {}: `{}` runs while the module is imported, and the plan does not "
                "name it a configuring call",
                node.line, text.substr(0, text.find('\n')));
            return unit;
        }
        if (std::string why = shares_lines(syntax, statement); !why.empty()) {
            unit.refused = why;
            return unit;
        }
        unit.statements.push_back(statement);
        unit.calls += is_call ? 1 : 0;
    }
    if (unit.calls == 0)
        unit.refused =
            fmt::format("no module-level call on {}'s names the plan names: nothing configures it", library);
    return unit;
}

bool in_unit(const ModuleSyntax& syntax, const Unit& unit, uint32_t line) {
    return std::any_of(unit.statements.begin(), unit.statements.end(), [&](NodeId id) {
        return syntax.node(id).line <= line && line <= syntax.node(id).end_line;
    });
}

/// The functions that read the unit's names; why it cannot move, or "".
std::string find_readers(const FileView& file, const ModuleSyntax& syntax, const Unit& unit,
                         const RemedyRequest& request, std::set<uint32_t>& functions) {
    for (const std::string& name : unit.bound) {
        if (auto it = request.imported_elsewhere.find(name); it != request.imported_elsewhere.end())
            return fmt::format("`{}` is imported from here by {}", name, it->second.front());
        for (const python::Reference& ref : file.facts->references)
            if (ref.name == name && ref.store && ref.scope == 0 && !in_unit(syntax, unit, ref.line))
                return fmt::format("`{}` is also bound at line {}", name, ref.line);
        if (std::string why = rebound_elsewhere(*file.facts, name, 1, file.facts->line_count); !why.empty())
            return why;
        for (const ModuleRead& read : module_reads(*file.facts, name)) {
            if (read.function != 0)
                functions.insert(read.function);
            else if (!in_unit(syntax, unit, read.line))
                return fmt::format("`{}` is used while the module is imported, line {}", name, read.line);
        }
    }
    if (functions.empty())
        return "no function of this file reads its names";
    return "";
}

}  // namespace

SiteFix move_configuring_call(const FileView& file, const RemedyRequest& request) {
    const ImportSite& blocked = file.facts->imports[request.site];
    SiteFix fix = site_fix_for(file, blocked);
    if (std::string why = movable_from_module_level(file, blocked); !why.empty())
        return refuse(std::move(fix), why);
    ModuleSyntax syntax(*file.facts);
    if (!request.remedy.readers.empty())
        return refuse(std::move(fix),
                      "its names are read by another module: " + request.remedy.readers.front());
    Unit unit = find_unit(file, syntax, blocked, request.blocking);
    if (!unit.refused.empty())
        return refuse(std::move(fix), unit.refused);
    std::set<uint32_t> functions;
    if (std::string why = find_readers(file, syntax, unit, request, functions); !why.empty())
        return refuse(std::move(fix), why);
    std::vector<std::string> block;
    for (NodeId id : unit.statements) {
        const Node& node = syntax.node(id);
        if (multiline_string(file, node.line, node.end_line))
            return refuse(std::move(fix), fmt::format("line {}: a string over several lines", node.line));
        for (std::string& line : raw_lines(file, node.line, node.end_line))
            block.push_back(std::move(line));
    }
    for (uint32_t function : functions)
        if (std::string why = insert_into_function(file, function, block, blocked.line, fix); !why.empty())
            return refuse(std::move(fix), why);
    std::vector<Edit> removals;  // adjacent statements leave as one, so one blank line goes with them
    for (NodeId id : unit.statements) {
        const Node& node = syntax.node(id);
        if (!removals.empty() && removals.back().end_line == node.line)
            removals.back().end_line = node.end_line + 1;
        else
            removals.push_back({node.line, node.end_line + 1, {}, node.line});
    }
    for (Edit& removal : removals) {
        absorb_blank_line(*file.lines, removal);
        fix.edits.push_back(std::move(removal));
    }
    for (const ImportSite* site : unit.imports)
        if (site != &blocked)
            fix.carries.push_back(python::import_statement_text(*site));
    return fix;
}

}  // namespace lmms::fix

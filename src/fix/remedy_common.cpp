// What the remedies share: the module's statements as a tree, who reads a
// module-level name, and edits of whole lines, of spans of a line, and of one
// import the module needs once.

#include <algorithm>

#include <fmt/format.h>

#include "fix/remedy_fix.hpp"
#include "fix/site_text.hpp"
#include "python/bindings.hpp"

namespace lmms::fix {

using python::FileFacts;
using python::Node;
using python::NodeId;
using python::NodeKind;

ModuleSyntax::ModuleSyntax(const FileFacts& facts) {
    m_source = facts.source ? std::string_view(*facts.source) : std::string_view();
    m_parsed = python::parse(python::tokenize(m_source, python::Trivia::drop).tokens);
    m_line_starts.push_back(0);
    for (size_t at = 0; at < m_source.size(); ++at)
        if (m_source[at] == '\n')
            m_line_starts.push_back(at + 1);
}

std::vector<NodeId> ModuleSyntax::statements() const {
    if (m_parsed.root == python::k_no_node)
        return {};
    auto children = m_parsed.tree.children(m_parsed.root);
    return {children.begin(), children.end()};
}

NodeId ModuleSyntax::statement_at(uint32_t line) const {
    for (NodeId id : statements())
        if (node(id).line <= line && line <= node(id).end_line)
            return id;
    return python::k_no_node;
}

std::string_view ModuleSyntax::line(uint32_t number) const {
    if (number == 0 || number > m_line_starts.size())
        return {};
    size_t start = m_line_starts[number - 1];
    size_t end = number < m_line_starts.size() ? m_line_starts[number] - 1 : m_source.size();
    return m_source.substr(start, end - start);
}

std::string ModuleSyntax::text(const Node& node) const {
    std::string out;
    for (uint32_t at = node.line; at <= node.end_line; ++at) {
        std::string_view text = line(at);
        size_t end = at == node.end_line ? std::min<size_t>(node.end_col, text.size()) : text.size();
        size_t start = at == node.line ? std::min<size_t>(node.col, end) : 0;
        if (at != node.line)
            out += '\n';
        out += text.substr(start, end - start);
    }
    return out;
}

std::string_view ModuleSyntax::root_name(NodeId id) const {
    while (id != python::k_no_node) {
        const Node& at = node(id);
        if (at.kind == NodeKind::name)
            return at.text;
        if (at.kind != NodeKind::attribute || at.child_count == 0)
            return {};
        id = tree().children(id)[0];
    }
    return {};
}

std::vector<std::string> blocking_statements(const FileFacts& facts, const std::string& path,
                                             const policy::Remedy& remedy) {
    std::vector<std::string> statements;
    ModuleSyntax syntax(facts);
    for (const policy::BlockingLine& blocking : remedy.blocking) {
        NodeId id = blocking.file == path ? syntax.statement_at(blocking.line) : python::k_no_node;
        if (id != python::k_no_node)
            statements.push_back(syntax.text(syntax.node(id)));
    }
    return statements;
}

std::vector<ModuleRead> module_reads(const FileFacts& facts, const std::string& name) {
    std::vector<ModuleRead> reads;
    for (const python::Reference& ref : facts.references) {
        if (ref.store || ref.name != name || (ref.annotation && facts.future_annotations))
            continue;
        if (python::binding_scope(facts, ref.scope, ref.name) != 0 &&
            python::binding_scope(facts, ref.scope, ref.name) != python::k_unbound)
            continue;
        uint32_t function = python::enclosing_function(facts, ref.scope);
        reads.push_back({ref.line, ref.col, function == 0 ? 0 : serving_function(facts, function)});
    }
    std::sort(reads.begin(), reads.end(), [](const ModuleRead& a, const ModuleRead& b) {
        return std::tie(a.line, a.col) < std::tie(b.line, b.col);
    });
    return reads;
}

std::string rebound_elsewhere(const FileFacts& facts, const std::string& name, uint32_t first,
                              uint32_t last) {
    if (facts.all && std::find(facts.all->begin(), facts.all->end(), name) != facts.all->end())
        return fmt::format("`{}` is in __all__: public API", name);
    for (const python::Reference& ref : facts.references)
        if (ref.name == name && ref.store && ref.scope == 0 && (ref.line < first || ref.line > last))
            return fmt::format("`{}` is also bound at line {}", name, ref.line);
    for (const python::Scope& scope : facts.scopes)
        if (std::binary_search(scope.globals.begin(), scope.globals.end(), name))
            return fmt::format("`{}` is declared global in {}()", name, scope.qualname);
    return "";
}

std::string shares_lines(const ModuleSyntax& syntax, NodeId statement) {
    const Node& own = syntax.node(statement);
    for (NodeId other : syntax.statements()) {
        const Node& at = syntax.node(other);
        if (other != statement && at.line <= own.end_line && own.line <= at.end_line)
            return fmt::format("line {} holds another statement too", std::max(at.line, own.line));
    }
    if (own.col != 0)
        return fmt::format("line {} does not start with it", own.line);
    return "";
}

std::vector<std::string> raw_lines(const FileView& file, uint32_t first, uint32_t last) {
    std::vector<std::string> lines;
    for (uint32_t at = first; at <= last; ++at)
        lines.emplace_back(file.lines->line(at));
    return lines;
}

std::string insert_into_function(const FileView& file, uint32_t scope, const std::vector<std::string>& block,
                                 uint32_t order, SiteFix& fix) {
    const python::Scope& function = file.facts->scopes[scope];
    Insertion at = insertion_point(file, function);
    if (!at.refused.empty())
        return at.refused;
    std::vector<std::string> lines;
    for (const std::string& line : block)
        lines.push_back(line.empty() ? line : at.indentation + line);
    fix.edits.push_back({at.line, at.line, std::move(lines), order});
    fix.destinations.push_back(function.qualname + "()");
    return "";
}

namespace {

/// Whether an unconditional module-level `import <module>` before `line`
/// binds it and stays: the module reads it while it is imported.
bool stays_imported_before(const FileFacts& facts, const std::string& module, uint32_t line) {
    std::string top = module.substr(0, module.find('.'));
    for (const python::ImportSite& site : facts.imports) {
        if (site.scope != 0 || site.guard != python::Guard::none || site.in_try || site.is_from ||
            site.line >= line || site.names.size() != 1 || site.names[0].name != module ||
            !site.names[0].asname.empty())
            continue;
        std::vector<ModuleRead> reads = module_reads(facts, top);
        if (std::any_of(reads.begin(), reads.end(),
                        [](const ModuleRead& read) { return read.function == 0; }))
            return true;
    }
    return false;
}

/// Where a new module-level import goes, at the latest `line`: before the
/// first unconditional import after the `__future__` ones, when it comes earlier.
uint32_t with_the_imports(const FileFacts& facts, uint32_t line) {
    uint32_t after_future = 0;
    for (const python::ImportSite& site : facts.imports)
        if (site.future)
            after_future = std::max(after_future, site.end_line);
    for (const python::ImportSite& site : facts.imports)
        if (site.scope == 0 && !site.future && site.guard == python::Guard::none && !site.in_try &&
            site.line > after_future && site.line < line && site.col == 0)
            return site.line;
    return line;
}

}  // namespace

std::string import_at_module_level(const FileView& file, const std::string& module, uint32_t line,
                                   SiteFix& fix) {
    std::string top = module.substr(0, module.find('.'));
    for (const python::Reference& ref : file.facts->references) {
        if (ref.name != top || !ref.store || ref.scope != 0)
            continue;
        bool by_import =
            std::any_of(file.facts->imports.begin(), file.facts->imports.end(), [&](const auto& site) {
                return site.scope == 0 && !site.is_from && site.line <= ref.line &&
                       ref.line <= site.end_line && site.names.size() == 1 && site.names[0].asname.empty() &&
                       python::bound_name(site, site.names[0]) == top;
            });
        if (!by_import)
            return fmt::format("`{}` is bound otherwise at line {}: `import {}` would replace it", top,
                               ref.line, module);
    }
    if (!stays_imported_before(*file.facts, module, line)) {
        Edit edit{with_the_imports(*file.facts, line), 0, {"import " + module}, 0};
        edit.end_line = edit.first_line;
        edit.shared = true;
        fix.edits.push_back(std::move(edit));
    }
    return "";
}

std::string rewrite_lines(const FileView& file, const ModuleSyntax& syntax,
                          const std::map<uint32_t, std::vector<Replacement>>& replacements, SiteFix& fix) {
    for (const auto& [line, spans] : replacements) {
        std::string text(file.lines->line(line));
        if (text != syntax.line(line))
            return fmt::format("line {} is not UTF-8: its columns cannot be edited", line);
        std::vector<Replacement> ordered = spans;
        std::sort(ordered.begin(), ordered.end(),
                  [](const Replacement& a, const Replacement& b) { return a.col > b.col; });
        for (const Replacement& span : ordered) {
            if (span.col > text.size() || span.length > text.size() - span.col)
                return fmt::format("line {}: column {} is past its end", line, span.col);
            text.replace(span.col, span.length, span.text);
        }
        fix.edits.push_back({line, line + 1, {std::move(text)}, line});
    }
    return "";
}

bool multiline_string(const FileView& file, uint32_t first, uint32_t last) {
    if (first == last)
        return false;
    for (uint32_t at = first; at <= last; ++at) {
        std::string_view text = file.lines->line(at);
        if (text.find("\"\"\"") != std::string_view::npos || text.find("'''") != std::string_view::npos ||
            text.ends_with("\\"))
            return true;
    }
    return false;
}

std::string top_module(const FileView& file, const python::ImportSite& site) {
    if (site.names.empty())
        return "";
    std::string module = absolute_module(file, site, site.names[0]);
    return module.substr(0, module.find('.'));
}

}  // namespace lmms::fix

#include "python/module_statements.hpp"

#include <algorithm>

namespace lmms::python {

namespace {

/// `a.b.c` as text, a call in the chain as `()`: `log.get(x).set` -> "log.get().set";
/// empty for anything else.
std::string dotted(const Tree& tree, NodeId id) {
    const Node& node = tree[id];
    if (node.kind == NodeKind::name)
        return std::string(node.text);
    if (node.kind == NodeKind::call && node.child_count > 0) {
        std::string function = dotted(tree, tree.children(id).front());
        return function.empty() ? std::string() : function + "()";
    }
    if (node.kind != NodeKind::attribute || node.child_count == 0)
        return {};
    std::string value = dotted(tree, tree.children(id).front());
    return value.empty() ? std::string() : value + "." + std::string(node.text);
}

SourceSpan span_of(const Tree& tree, NodeId id) {
    const Node& node = tree[id];
    return {node.line, node.col, node.end_line, node.end_col};
}

SourceSpan span_between(const Tree& tree, NodeId first, NodeId last) {
    SourceSpan span = span_of(tree, first);
    SourceSpan end = span_of(tree, last);
    span.end_line = end.end_line;
    span.end_col = end.end_col;
    return span;
}

/// The callee of a call node as dotted text, empty when `id` is no call.
std::string callee_of(const Tree& tree, NodeId id) {
    if (tree[id].kind != NodeKind::call || tree[id].child_count == 0)
        return {};
    return dotted(tree, tree.children(id).front());
}

bool names_import_error(const Tree& tree, NodeId id) {
    const Node& node = tree[id];
    if (node.kind == NodeKind::name || node.kind == NodeKind::attribute)
        if (node.text == "ImportError" || node.text == "ModuleNotFoundError")
            return true;
    if (node.kind != NodeKind::sequence && node.kind != NodeKind::group)
        return false;
    auto children = tree.children(id);
    return std::any_of(children.begin(), children.end(),
                       [&](NodeId child) { return names_import_error(tree, child); });
}

class Collector {
public:
    explicit Collector(const Tree& tree) : m_tree(tree) {}

    void block(NodeId id, int32_t parent) {
        for (NodeId child : m_tree.children(id))
            statement(child, parent);
    }

    std::vector<ModuleStatement> take() { return std::move(m_statements); }

private:
    void statement(NodeId id, int32_t parent) {
        const Node& node = m_tree[id];
        ModuleStatement row;
        row.line = node.line;
        row.col = node.col;
        row.end_line = node.end_line;
        row.end_col = node.end_col;
        row.parent = parent;
        auto children = m_tree.children(id);
        switch (node.kind) {
            case NodeKind::import:
            case NodeKind::import_from:
                row.kind = ModuleStatementKind::import;
                break;
            case NodeKind::function_def:
                function_def(id, row);
                break;
            case NodeKind::class_def:
                class_def(id, row);
                break;
            case NodeKind::assign:
            case NodeKind::type_alias:
                row.kind = ModuleStatementKind::assignment;
                value(children.back(), row);
                break;
            case NodeKind::ann_assign:
                row.kind = ModuleStatementKind::assignment;
                if (children.size() > 2)
                    value(children[2], row);
                break;
            case NodeKind::aug_assign:
                row.kind = ModuleStatementKind::augmented_assignment;
                value(children.back(), row);
                break;
            case NodeKind::statement:
                // An expression statement's expression starts where it does; `return x` does not.
                if (!children.empty() && m_tree[children[0]].line == node.line &&
                    m_tree[children[0]].col == node.col) {
                    row.kind = ModuleStatementKind::expression;
                    value(children[0], row);
                }
                break;
            default:
                break;
        }
        m_statements.push_back(std::move(row));
        compound(id, static_cast<int32_t>(m_statements.size() - 1));
    }

    /// The blocks of an if, try, with, for, while or match run with the module too.
    void compound(NodeId id, int32_t self) {
        auto children = m_tree.children(id);
        ModuleStatement& row = m_statements[static_cast<size_t>(self)];
        switch (m_tree[id].kind) {
            case NodeKind::if_stmt:
                row.kind = ModuleStatementKind::if_statement;
                row.header = span_of(m_tree, children[0]);
                break;
            case NodeKind::while_stmt:
                row.kind = ModuleStatementKind::loop;
                row.header = span_of(m_tree, children[0]);
                break;
            case NodeKind::for_stmt:
                row.kind = ModuleStatementKind::loop;
                row.header = span_between(m_tree, children[0], children[1]);
                break;
            case NodeKind::with_stmt:
                row.kind = ModuleStatementKind::with_statement;
                if (children.size() > 1)
                    row.header = span_between(m_tree, children[0], children[children.size() - 2]);
                break;
            case NodeKind::try_stmt:
                row.kind = ModuleStatementKind::try_statement;
                break;
            case NodeKind::match_stmt:
                break;
            default:
                return;
        }
        nested(id, self);
    }

    void nested(NodeId id, int32_t self) {
        for (NodeId child : m_tree.children(id)) {
            const Node& node = m_tree[child];
            if (node.kind == NodeKind::block) {
                block(child, self);
            } else if (node.kind == NodeKind::except_handler || node.kind == NodeKind::match_case) {
                auto parts = m_tree.children(child);
                if (node.kind == NodeKind::except_handler)
                    for (size_t i = 0; i + 1 < parts.size(); ++i)
                        if (names_import_error(m_tree, parts[i]))
                            m_statements[static_cast<size_t>(self)].catches_import_error = true;
                if (!parts.empty() && m_tree[parts.back()].kind == NodeKind::block)
                    block(parts.back(), self);
            }
        }
    }

    void value(NodeId id, ModuleStatement& row) {
        if (id == k_no_node)
            return;
        row.value = span_of(m_tree, id);
        row.callee = callee_of(m_tree, id);
    }

    void decorators(NodeId id, ModuleStatement& row) {
        auto children = m_tree.children(id);
        for (size_t i = 0; i < m_tree[id].extra && i < children.size(); ++i) {
            Decorator decorator;
            decorator.span = span_of(m_tree, children[i]);
            decorator.called = m_tree[children[i]].kind == NodeKind::call;
            decorator.callee =
                decorator.called ? callee_of(m_tree, children[i]) : dotted(m_tree, children[i]);
            row.decorators.push_back(std::move(decorator));
        }
        if (!row.decorators.empty()) {
            row.line = row.decorators.front().span.line;
            row.col = row.decorators.front().span.col;
        }
    }

    void function_def(NodeId id, ModuleStatement& row) {
        const Node& node = m_tree[id];
        row.kind = ModuleStatementKind::function_def;
        row.name = std::string(node.text);
        decorators(id, row);
        auto children = m_tree.children(id);
        NodeId arguments = children[node.extra];
        for (NodeId parameter_id : m_tree.children(arguments)) {
            const Node& parameter = m_tree[parameter_id];
            auto parts = m_tree.children(parameter_id);
            if ((parameter.flags & k_flag_has_annotation) != 0)
                row.annotations.push_back(span_of(m_tree, parts.front()));
            if ((parameter.flags & k_flag_has_default) != 0)
                row.defaults.push_back(span_of(m_tree, parts.back()));
        }
        if ((node.flags & k_flag_has_annotation) != 0)
            row.annotations.push_back(span_of(m_tree, children[node.extra + 1]));
    }

    void class_def(NodeId id, ModuleStatement& row) {
        const Node& node = m_tree[id];
        row.kind = ModuleStatementKind::class_def;
        row.name = std::string(node.text);
        decorators(id, row);
        auto children = m_tree.children(id);
        for (size_t i = node.extra; i + 1 < children.size(); ++i)
            row.bases.push_back(span_of(m_tree, children[i]));
    }

    const Tree& m_tree;
    std::vector<ModuleStatement> m_statements;
};

}  // namespace

const char* module_statement_kind_name(ModuleStatementKind kind) {
    switch (kind) {
        case ModuleStatementKind::import:
            return "import";
        case ModuleStatementKind::function_def:
            return "function_def";
        case ModuleStatementKind::class_def:
            return "class_def";
        case ModuleStatementKind::assignment:
            return "assignment";
        case ModuleStatementKind::augmented_assignment:
            return "augmented_assignment";
        case ModuleStatementKind::expression:
            return "expression";
        case ModuleStatementKind::if_statement:
            return "if";
        case ModuleStatementKind::try_statement:
            return "try";
        case ModuleStatementKind::with_statement:
            return "with";
        case ModuleStatementKind::loop:
            return "loop";
        case ModuleStatementKind::other:
            return "other";
    }
    return "other";
}

std::vector<ModuleStatement> module_statements(const Tree& tree, NodeId root) {
    if (root == k_no_node || root >= tree.size())
        return {};
    Collector collector(tree);
    collector.block(root, -1);
    return collector.take();
}

int32_t statement_at(const std::vector<ModuleStatement>& statements, uint32_t line, uint32_t col) {
    // Source order with parents first: the last statement holding the place is the innermost.
    // On a line shared by several (`import a; a.use()`), the place's column decides.
    int32_t found = -1;
    for (size_t i = 0; i < statements.size(); ++i) {
        const ModuleStatement& statement = statements[i];
        if (statement.line > line)
            break;
        if (line > statement.end_line)
            continue;
        bool known = col != k_any_column;
        bool starts_after = known && statement.line == line && statement.col > col;
        bool ends_before = known && statement.end_line == line && statement.end_col <= col;
        if (found < 0 || (!starts_after && !ends_before))
            found = static_cast<int32_t>(i);
    }
    return found;
}

}  // namespace lmms::python

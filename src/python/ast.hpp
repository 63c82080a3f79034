#pragma once
/// A compact syntax tree for what LMMS needs to know about Python code:
/// every node the symbol analysis visits, in one arena. Children are stored
/// contiguously in a pool; a node holds where its children start and how many.
/// Literals and operators are kept only as generic nodes.

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lmms::python {

using NodeId = uint32_t;
inline constexpr NodeId k_no_node = UINT32_MAX;

enum class NodeKind : uint8_t {
    // expressions
    name,           ///< text: the identifier; context says load/store/del
    attribute,      ///< children: value; text: the attribute name
    call,           ///< children: func, then arguments (keywords as `keyword`)
    keyword,        ///< text: argument name or empty for **kwargs; children: value
    lambda,         ///< children: arguments, body
    named_expr,     ///< children: target name, value
    comprehension,  ///< list/set/dict/generator comprehension; children: element(s), then `generator`s
    generator,      ///< one `for` clause; children: target, iter, conditions...; flag: async
    starred,        ///< children: value
    subscript,      ///< children: value, index parts
    sequence,       ///< tuple or list display: a target when assigned to
    fstring,        ///< children: the replacement fields' expressions
    group,          ///< any other expression: its children are visited in order
    // arguments of a def or lambda
    arguments,  ///< children: `parameter`s
    parameter,  ///< text: name; children: [annotation] [default]; flags say which
    // statements
    module,
    function_def,    ///< text: name; children: decorators..., arguments, [returns], block
    class_def,       ///< text: name; children: decorators..., bases/keywords..., block
    import,          ///< children: `alias`es
    import_from,     ///< text: module (may be empty); flags: level; children: `alias`es
    alias,           ///< text: dotted name or "*"; second text: asname
    global,          ///< children: `name`s
    nonlocal,        ///< children: `name`s
    assign,          ///< children: targets..., value (the last)
    aug_assign,      ///< children: target, value
    ann_assign,      ///< children: target, annotation, [value]; flag: simple
    for_stmt,        ///< children: target, iter, block, [else block]
    with_stmt,       ///< children: `with_item`s, block
    with_item,       ///< children: context, [target]
    try_stmt,        ///< children: block, `except_handler`s, [else block], [finally block]
    except_handler,  ///< text: bound name or empty; children: [type], block
    if_stmt,         ///< children: test, block, [else block]
    while_stmt,      ///< children: test, block, [else block]
    match_stmt,      ///< children: subject, `match_case`s
    match_case,      ///< children: pattern, [guard], block
    capture,         ///< pattern binding a name; text: the name
    type_alias,      ///< children: name, value
    statement,       ///< any other statement: children visited in order (return, raise, ...)
    del_stmt,        ///< children: targets
    block,           ///< a suite of statements
    pattern,         ///< a match pattern that binds nothing itself: children visited (value patterns load)
};

enum class Context : uint8_t { load, store, del };

/// Bits in Node::flags.
enum NodeFlag : uint16_t {
    k_flag_async = 1,
    k_flag_has_annotation = 2,
    k_flag_has_default = 4,
    k_flag_simple = 8,   ///< ann_assign: target is a plain name, not parenthesized
    k_flag_vararg = 16,  ///< parameter: *args
    k_flag_kwarg = 32,   ///< parameter: **kwargs
    k_flag_dict = 64,    ///< comprehension: a dict comprehension (two elements)
    k_flag_generator_expression = 128,
    k_flag_list = 256,
    k_flag_set = 512,
    k_flag_lazy = 1024,  ///< import, import_from: PEP 810 `lazy import`
};

struct Node {
    NodeKind kind;
    Context context = Context::load;
    uint16_t flags = 0;
    uint32_t line = 0;
    uint32_t col = 0;
    uint32_t end_line = 0;
    uint32_t end_col = 0;
    std::string_view text;
    std::string_view text2;  ///< alias: asname
    uint32_t first_child = 0;
    uint32_t child_count = 0;
    uint32_t extra = 0;  ///< function_def/class_def: number of decorators
};

class Tree {
public:
    Tree() = default;
    /// Room for about one node per token, which is what parsing needs.
    void reserve(size_t tokens) {
        m_nodes.reserve(tokens);
        m_pool.reserve(tokens);
    }

    /// Empties the tree, keeping its memory for the next file.
    void clear() {
        m_strings.clear();
        m_nodes.clear();
        m_pool.clear();
        m_stack.clear();
    }

    NodeId add(const Node& node) {
        m_nodes.push_back(node);
        return static_cast<NodeId>(m_nodes.size() - 1);
    }
    /// Moves the last `count` ids of the builder stack into the pool as `id`'s children.
    void adopt(NodeId id, size_t stack_mark) {
        Node& node = m_nodes[id];
        node.first_child = static_cast<uint32_t>(m_pool.size());
        node.child_count = static_cast<uint32_t>(m_stack.size() - stack_mark);
        m_pool.insert(m_pool.end(), m_stack.begin() + static_cast<std::ptrdiff_t>(stack_mark), m_stack.end());
        m_stack.resize(stack_mark);
    }
    void push(NodeId id) { m_stack.push_back(id); }
    /// Drops what a failed statement left on the builder stack.
    void truncate(size_t stack_mark) {
        if (stack_mark < m_stack.size())
            m_stack.resize(stack_mark);
    }
    size_t mark() const { return m_stack.size(); }

    const Node& operator[](NodeId id) const { return m_nodes[id]; }
    Node& at(NodeId id) { return m_nodes[id]; }
    std::span<const NodeId> children(NodeId id) const {
        const Node& node = m_nodes[id];
        return {m_pool.data() + node.first_child, node.child_count};
    }
    size_t size() const { return m_nodes.size(); }

    /// Keeps a synthesized string (a dotted name written with spaces) alive.
    std::string_view own(std::string text) { return m_strings.emplace_back(std::move(text)); }

private:
    std::deque<std::string> m_strings;
    std::vector<Node> m_nodes;
    std::vector<NodeId> m_pool;
    std::vector<NodeId> m_stack;
};

}  // namespace lmms::python

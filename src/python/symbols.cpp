// Symbol analysis over the syntax tree, mirroring CPython 3.11's
// Python/symtable.c so that each scope's bound and referenced names agree
// with the `symtable` module exactly; plus import sites with their guards,
// every name reference, and `__all__`.

#include <algorithm>
#include <deque>

#include "python/annotation_consumers.hpp"
#include "python/ast.hpp"
#include "python/bindings.hpp"
#include "python/dynamic_imports.hpp"
#include "python/expression_facts.hpp"
#include "python/facts.hpp"
#include "python/symbol_table.hpp"
#include "python/symbols.hpp"

namespace lmms::python {

namespace {

// symtable.c's flags
constexpr uint16_t k_def_global = 1;
constexpr uint16_t k_def_local = 2;
constexpr uint16_t k_def_param = 4;
constexpr uint16_t k_def_nonlocal = 8;
constexpr uint16_t k_use = 16;
constexpr uint16_t k_def_import = 128;
constexpr uint16_t k_def_annot = 256;
constexpr uint16_t k_def_bound = k_def_local | k_def_param | k_def_import;

/// symtable's FunctionBlock: defs, lambdas and comprehensions.
bool is_function_block(ScopeKind kind) {
    return kind == ScopeKind::function || kind == ScopeKind::lambda || kind == ScopeKind::comprehension;
}

class Analyzer {
public:
    Analyzer(const Tree& tree, FileFacts& facts, SymbolTable& symbols, const AnnotationConsumers& consumers)
        : m_tree(tree), m_facts(facts), m_symbols(symbols), m_consumers(consumers) {
        m_symbols.clear(tree.size() / 2);
        m_facts.references.reserve(tree.size() / 2);
    }

    void run(NodeId root) {
        detect_future_annotations(root);
        enter(ScopeKind::module, "top", "", m_tree[root], false);
        m_facts.scopes[0].line = 1;
        m_facts.scopes[0].end_line = std::max<uint32_t>(m_facts.line_count, 1);
        mark_body(root);
        visit_block(root);
        leave();
        finish_scopes();
        finish_annotations();
        finish_dynamic_imports();
    }

private:
    // ---- scopes ----------------------------------------------------------

    void enter(ScopeKind kind, std::string name, std::string qualname, const Node& at, bool comprehension) {
        Scope scope;
        scope.kind = kind;
        scope.name = std::move(name);
        scope.qualname = std::move(qualname);
        scope.line = at.line;
        scope.end_line = at.end_line;
        scope.parent = m_stack.empty() ? -1 : static_cast<int32_t>(m_stack.back());
        m_facts.scopes.push_back(std::move(scope));
        m_comprehension.push_back(comprehension);
        m_consumer_class.push_back(false);
        m_stack.push_back(static_cast<uint32_t>(m_facts.scopes.size() - 1));
    }

    void leave() { m_stack.pop_back(); }
    uint32_t current() const { return m_stack.back(); }

    /// Qualified name of a new scope named `name` inside the current one.
    std::string child_qualname(std::string_view name) const {
        const Scope& parent = m_facts.scopes[current()];
        std::string prefix = parent.qualname;
        if (is_function_block(parent.kind))
            prefix += ".<locals>";
        return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
    }

    /// symtable mangles private names inside a class: __x -> _C__x.
    std::string_view mangle(std::string_view name) {
        if (m_private.empty() || !name.starts_with("__") || name.ends_with("__") ||
            name.find('.') != std::string_view::npos)
            return name;
        std::string_view owner = m_private.back();
        owner.remove_prefix(std::min(owner.find_first_not_of('_'), owner.size()));
        if (owner.empty())
            return name;
        std::string& mangled = m_facts.strings.emplace_back("_");
        return mangled.append(owner).append(name);
    }

    /// `name` where the facts keep it: the tree's own strings (`a . b`
    /// joined) do not outlive the analysis.
    std::string_view in_facts(std::string_view name) {
        const std::string& source = *m_facts.source;
        if (name.data() >= source.data() && name.data() + name.size() <= source.data() + source.size())
            return name;
        return m_facts.strings.emplace_back(name);
    }

    void add_def(std::string_view name, uint16_t flag, uint32_t scope) {
        if (m_postponed > 0)
            return;
        m_symbols.at(scope, mangle(name)) |= flag;
    }
    void add_def(std::string_view name, uint16_t flag) { add_def(name, flag, current()); }

    void reference(const Node& node, bool store) {
        Reference& ref = m_facts.references.emplace_back();
        ref.name = node.text;
        ref.line = node.line;
        ref.col = node.col;
        ref.scope = current();
        ref.store = store;
        ref.annotation = m_in_annotation > 0;
        ref.definition_time = m_definition_time > 0;
        if (ref.annotation)
            ref.annotation_use = annotation_use();
    }

    /// A name bound by a def, class, import or except clause.
    void binding_reference(std::string_view name, const Node& at) {
        Reference ref;
        ref.name = name;
        ref.line = at.line;
        ref.col = at.col;
        ref.scope = current();
        ref.store = true;
        m_facts.references.push_back(ref);
    }

    // ---- statements ------------------------------------------------------

    /// Where the current scope's body starts, and its docstring: a first
    /// statement of string literals alone (an f-string without fields counts
    /// too: inserting after it is harmless, before a docstring is not).
    void mark_body(NodeId block) {
        auto statements = m_tree.children(block);
        if (statements.empty())
            return;
        const Node& first = m_tree[statements[0]];
        Scope& scope = m_facts.scopes[current()];
        scope.body_line = first.line;
        scope.body_col = first.col;
        bool decorated =
            (first.kind == NodeKind::function_def || first.kind == NodeKind::class_def) && first.extra > 0;
        if (decorated) {  // the statement starts at its first decorator's `@`
            const Node& decorator = m_tree[m_tree.children(statements[0])[0]];
            scope.body_line = decorator.line;
            scope.body_col = decorator.col > 0 ? decorator.col - 1 : 0;
        }
        auto parts = m_tree.children(statements[0]);
        if (first.kind == NodeKind::statement && parts.size() == 1 &&
            m_tree[parts[0]].kind == NodeKind::fstring && m_tree[parts[0]].child_count == 0)
            scope.docstring_end_line = first.end_line;
    }

    void visit_block(NodeId id) {
        for (NodeId child : m_tree.children(id))
            visit_statement(child);
    }

    void visit_statement(NodeId id) {
        if (id == k_no_node)
            return;
        const Node& node = m_tree[id];
        auto children = m_tree.children(id);
        switch (node.kind) {
            case NodeKind::function_def:
                return visit_function(id);
            case NodeKind::class_def:
                return visit_class(id);
            case NodeKind::import:
            case NodeKind::import_from:
                return visit_import(id);
            case NodeKind::global:
            case NodeKind::nonlocal:
                for (NodeId name : children) {
                    add_def(m_tree[name].text, node.kind == NodeKind::global ? k_def_global : k_def_nonlocal);
                    m_declared.push_back(
                        {current(), mangle(m_tree[name].text), node.kind == NodeKind::global});
                }
                return;
            case NodeKind::ann_assign:
                return visit_ann_assign(id);
            case NodeKind::assign:
                visit_all(children);
                record_all(id);
                record_consumer_assignment(id);
                return;
            case NodeKind::aug_assign:
                m_aug_target = true;  // `a.b += 1` loads a.b
                visit_expression(children[0]);
                m_aug_target = false;
                visit_all(children.subspan(1));
                record_all_extension(id);
                return;
            case NodeKind::if_stmt:
                return visit_if(id);
            case NodeKind::try_stmt:
                return visit_try(id);
            case NodeKind::with_stmt:
                return with_guard(Guard::with_block, [&] {
                    for (NodeId child : children)
                        (m_tree[child].kind == NodeKind::block ? visit_block(child)
                                                               : visit_all(m_tree.children(child)));
                });
            case NodeKind::for_stmt:
            case NodeKind::while_stmt:
            case NodeKind::match_stmt:
            case NodeKind::match_case:
            case NodeKind::except_handler:
                for (NodeId child : children)
                    visit_any(child);
                if (node.kind == NodeKind::except_handler && !node.text.empty()) {
                    add_def(node.text, k_def_local);
                    binding_reference(node.text, node);
                }
                return;
            case NodeKind::block:
                return visit_block(id);
            default:
                visit_all(children);
                return;
        }
    }

    /// A child that may be a statement, a block or an expression.
    void visit_any(NodeId id) {
        if (id == k_no_node)
            return;
        switch (m_tree[id].kind) {
            case NodeKind::block:
                return visit_block(id);
            case NodeKind::match_case:
            case NodeKind::except_handler:
                return with_guard(Guard::conditional, [&] { visit_statement(id); });
            default:
                return visit_expression(id);
        }
    }

    void visit_all(std::span<const NodeId> ids) {
        for (NodeId id : ids)
            visit_expression(id);
    }

    template <class Body>
    void with_guard(Guard guard, Body body) {
        m_guards.push_back(guard);
        body();
        m_guards.pop_back();
    }

    Guard innermost_guard() const { return m_guards.empty() ? Guard::none : m_guards.back(); }

    bool is_type_checking(NodeId test) const {
        const Node& node = m_tree[test];
        return (node.kind == NodeKind::name || node.kind == NodeKind::attribute) &&
               node.text == "TYPE_CHECKING";
    }

    void visit_if(NodeId id) {
        auto children = m_tree.children(id);
        visit_expression(children[0]);
        Guard body_guard = is_type_checking(children[0]) ? Guard::type_checking : Guard::conditional;
        with_guard(body_guard, [&] { visit_block(children[1]); });
        if (children.size() > 2)
            with_guard(Guard::conditional, [&] { visit_block(children[2]); });
    }

    bool catches_import_error(NodeId handler) const {
        auto children = m_tree.children(handler);
        if (children.size() < 2)
            return false;  // a bare except: catches everything, ImportError included
        bool found = false;
        walk_names(children[0], [&](const Node& name) {
            found = found || name.text == "ImportError" || name.text == "ModuleNotFoundError";
        });
        return found;
    }

    template <class Visit>
    void walk_names(NodeId id, Visit visit) const {
        if (id == k_no_node)
            return;
        const Node& node = m_tree[id];
        if (node.kind == NodeKind::name || node.kind == NodeKind::attribute)
            visit(node);
        for (NodeId child : m_tree.children(id))
            walk_names(child, visit);
    }

    void visit_try(NodeId id) {
        ++m_try_depth;
        visit_try_parts(id);
        --m_try_depth;
    }

    void visit_try_parts(NodeId id) {
        auto children = m_tree.children(id);
        bool import_guard = false;
        for (NodeId child : children)
            if (m_tree[child].kind == NodeKind::except_handler)
                import_guard = import_guard || catches_import_error(child);
        with_guard(import_guard ? Guard::try_import_error : innermost_guard(),
                   [&] { visit_block(children[0]); });
        for (size_t i = 1; i < children.size(); ++i) {
            const Node& child = m_tree[children[i]];
            bool is_finally = child.kind == NodeKind::block && (child.flags & k_flag_simple) != 0;
            if (is_finally)
                visit_block(children[i]);
            else
                with_guard(Guard::conditional, [&] { visit_any(children[i]); });
        }
    }

    void visit_import(NodeId id) {
        const Node& node = m_tree[id];
        ImportSite site;
        site.line = node.line;
        site.col = node.col;
        site.end_line = node.end_line;
        site.end_col = node.end_col;
        site.is_from = node.kind == NodeKind::import_from;
        site.module = site.is_from ? std::string(node.text) : std::string();
        site.level = site.is_from ? node.extra : 0;
        site.future = site.is_from && site.level == 0 && node.text == "__future__";
        site.scope = current();
        site.guard = innermost_guard();
        site.in_try = m_try_depth > 0;
        site.lazy = (node.flags & k_flag_lazy) != 0;
        for (NodeId alias_id : m_tree.children(id)) {
            const Node& alias = m_tree[alias_id];
            site.names.push_back({std::string(alias.text), std::string(alias.text2)});
            if (alias.text == "*") {
                site.star = true;
                continue;
            }
            std::string_view bound = alias.text2;
            if (bound.empty())
                bound = site.is_from ? alias.text : in_facts(alias.text.substr(0, alias.text.find('.')));
            add_def(bound, k_def_import);
            binding_reference(bound, alias);
        }
        m_facts.imports.push_back(std::move(site));
    }

    void visit_function(NodeId id) {
        const Node& node = m_tree[id];
        auto children = m_tree.children(id);
        size_t decorators = node.extra;
        NodeId arguments = children[decorators];
        bool has_returns = (node.flags & k_flag_has_annotation) != 0;
        NodeId returns = has_returns ? children[decorators + 1] : k_no_node;
        NodeId body = children.back();
        add_def(node.text, k_def_local);
        binding_reference(node.text, node);
        bool consumed = false;
        for (size_t i = 0; i < decorators && !consumed; ++i)
            consumed = is_consumer(children[i]);
        ++m_definition_time;
        visit_defaults(arguments);
        m_annotation_consumed += consumed ? 1 : 0;
        visit_parameter_annotations(arguments, returns);
        m_annotation_consumed -= consumed ? 1 : 0;
        for (size_t i = 0; i < decorators; ++i)
            visit_expression(children[i]);
        --m_definition_time;
        enter(ScopeKind::function, std::string(node.text), child_qualname(node.text), node, false);
        mark_body(body);
        visit_parameters(arguments);
        visit_block(body);
        leave();
    }

    void visit_class(NodeId id) {
        const Node& node = m_tree[id];
        auto children = m_tree.children(id);
        add_def(node.text, k_def_local);
        binding_reference(node.text, node);
        bool consumer = false;
        for (size_t i = 0; i + 1 < children.size() && !consumer; ++i)
            consumer = m_tree[children[i]].kind != NodeKind::keyword && is_consumer(children[i]);
        if (consumer)
            m_consumer_names.push_back(node.text);
        ++m_definition_time;
        for (size_t i = node.extra; i + 1 < children.size(); ++i)
            visit_expression(children[i]);
        for (size_t i = 0; i < node.extra; ++i)
            visit_expression(children[i]);
        --m_definition_time;
        enter(ScopeKind::class_body, std::string(node.text), child_qualname(node.text), node, false);
        m_consumer_class.back() = consumer;
        m_private.push_back(node.text);
        visit_block(children.back());
        m_private.pop_back();
        leave();
    }

    void visit_defaults(NodeId arguments) {
        for (NodeId parameter_id : m_tree.children(arguments)) {
            const Node& parameter = m_tree[parameter_id];
            if ((parameter.flags & k_flag_has_default) != 0)
                visit_expression(m_tree.children(parameter_id).back());
        }
    }

    void visit_parameter_annotations(NodeId arguments, NodeId returns) {
        bool any = returns != k_no_node;
        for (NodeId parameter_id : m_tree.children(arguments))
            any = any || (m_tree[parameter_id].flags & k_flag_has_annotation) != 0;
        if (!any)
            return;
        begin_annotation();
        for (NodeId parameter_id : m_tree.children(arguments))
            if ((m_tree[parameter_id].flags & k_flag_has_annotation) != 0)
                visit_expression(m_tree.children(parameter_id).front());
        if (returns != k_no_node)
            visit_expression(returns);
        end_annotation();
    }

    /// With `from __future__ import annotations`, annotations are not
    /// evaluated: symtable gives them a block of their own, so they define
    /// nothing in the enclosing scope. Their references are still recorded.
    void begin_annotation() {
        ++m_in_annotation;
        if (m_facts.future_annotations)
            ++m_postponed;
    }

    void end_annotation() {
        --m_in_annotation;
        if (m_facts.future_annotations)
            --m_postponed;
    }

    void visit_parameters(NodeId arguments) {
        for (NodeId parameter_id : m_tree.children(arguments)) {
            const Node& parameter = m_tree[parameter_id];
            add_def(parameter.text, k_def_param);
            m_facts.scopes[current()].parameters.emplace_back(parameter.text);
        }
    }

    void visit_ann_assign(NodeId id) {
        const Node& node = m_tree[id];
        auto children = m_tree.children(id);
        const Node& target = m_tree[children[0]];
        if (target.kind == NodeKind::name) {
            if ((node.flags & k_flag_simple) != 0)
                add_def(target.text, k_def_annot | k_def_local);
            else if (children.size() > 2)
                add_def(target.text, k_def_local);
            reference(target, true);
        } else {
            visit_expression(children[0]);
        }
        // CPython evaluates no annotation of a statement in a function body.
        m_local_annotation = m_facts.scopes[current()].kind == ScopeKind::function;
        bool consumed = !m_local_annotation && m_facts.future_annotations &&
                        m_facts.scopes[current()].kind == ScopeKind::class_body &&
                        (m_consumer_class[current()] || consumed_annotation(children[1]));
        m_annotation_consumed += consumed ? 1 : 0;
        begin_annotation();
        visit_expression(children[1]);
        end_annotation();
        m_annotation_consumed -= consumed ? 1 : 0;
        m_local_annotation = false;
        if (children.size() > 2)
            visit_expression(children[2]);
    }

    // ---- expressions -----------------------------------------------------

    void visit_expression(NodeId id) {
        if (id == k_no_node)
            return;
        const Node& node = m_tree[id];
        switch (node.kind) {
            case NodeKind::name:
                add_def(node.text, node.context == Context::load ? k_use : k_def_local);
                reference(node, node.context != Context::load);
                if (node.context == Context::load && node.text == "super" && in_function_block())
                    add_def("__class__", k_use);
                return;
            case NodeKind::capture:
                add_def(node.text, k_def_local);
                reference(node, true);
                return;
            case NodeKind::keyword:
                visit_all(m_tree.children(id));
                return;
            case NodeKind::attribute:
                return visit_attribute(id);
            case NodeKind::call:
                return visit_call(id);
            case NodeKind::lambda:
                return visit_lambda(id);
            case NodeKind::comprehension:
                return visit_comprehension(id);
            case NodeKind::named_expr:
                return visit_named_expr(id);
            default:
                visit_all(m_tree.children(id));
                return;
        }
    }

    /// `a.b.c`: the reference of `a` records "b.c", what it reads of `a`.
    void visit_attribute(NodeId id) {
        NodeId base = chain_base(m_tree, id);
        visit_expression(base);
        const Node& name = m_tree[base];
        if (name.kind != NodeKind::name || name.context != Context::load)
            return;
        bool store = m_tree[id].context != Context::load && !m_aug_target;
        std::string joined;
        std::string_view attributes = chain_attributes(m_tree, id, store, joined);
        if (!attributes.empty())
            m_facts.references.back().attributes = in_facts(attributes);
    }

    void visit_call(NodeId id) {
        auto children = m_tree.children(id);
        if (children.empty())
            return;
        NodeId callee = children[0];
        const Node& function = m_tree[callee];
        std::string_view last = function.kind == NodeKind::name || function.kind == NodeKind::attribute
                                    ? function.text
                                    : std::string_view();
        visit_expression(callee);
        if (last == "getattr" && function.kind == NodeKind::name && children.size() >= 3)
            return visit_getattr(children);
        if (last == "import_module" || last == "__import__")
            record_dynamic_import(id);
        if (m_consumers.may_be_call(last) &&
            m_consumers.matches(ConsumerRole::call, qualified(dotted_name(m_tree, callee))))
            m_reads_all_annotations = true;
        visit_all(children.subspan(1));
    }

    /// getattr(a, "b"): the reference of `a` records "b", as `a.b` would.
    void visit_getattr(std::span<const NodeId> children) {
        size_t before = m_facts.references.size();
        visit_expression(children[1]);
        auto literal = plain_string(m_tree, children[2]);
        if (literal && is_identifier(*literal) && m_facts.references.size() == before + 1) {
            Reference& ref = m_facts.references.back();
            if (!ref.store && m_tree[chain_base(m_tree, children[1])].kind == NodeKind::name) {
                ref.attributes = ref.attributes.empty()
                                     ? in_facts(*literal)
                                     : m_facts.strings.emplace_back(std::string(ref.attributes) + "." +
                                                                    std::string(*literal));
                ref.getattr = true;
            }
        }
        visit_all(children.subspan(2));
    }

    bool in_function_block() const { return is_function_block(m_facts.scopes[current()].kind); }

    void visit_lambda(NodeId id) {
        const Node& node = m_tree[id];
        auto children = m_tree.children(id);
        visit_defaults(children[0]);
        enter(ScopeKind::lambda, "lambda", child_qualname("<lambda>"), node, false);
        visit_parameters(children[0]);
        visit_expression(children[1]);
        leave();
    }

    void visit_comprehension(NodeId id) {
        const Node& node = m_tree[id];
        auto children = m_tree.children(id);
        size_t elements = (node.flags & k_flag_dict) != 0 ? 2 : 1;
        std::vector<NodeId> generators(children.begin() + static_cast<std::ptrdiff_t>(elements),
                                       children.end());
        if (generators.empty())
            return visit_all(children);
        auto first = m_tree.children(generators[0]);
        visit_expression(first[1]);  // the outermost iterable is evaluated outside
        const char* name = (node.flags & k_flag_dict) != 0   ? "dictcomp"
                           : (node.flags & k_flag_set) != 0  ? "setcomp"
                           : (node.flags & k_flag_list) != 0 ? "listcomp"
                                                             : "genexpr";
        std::string shown = std::string("<") + name + ">";
        enter(ScopeKind::comprehension, name, child_qualname(shown), node, true);
        add_def(".0", k_def_param);
        m_facts.scopes[current()].parameters.emplace_back(".0");
        visit_expression(first[0]);
        for (size_t i = 2; i < first.size(); ++i)
            visit_expression(first[i]);
        for (size_t g = 1; g < generators.size(); ++g)
            visit_all(m_tree.children(generators[g]));
        for (size_t i = 0; i < elements; ++i)
            visit_expression(children[i]);
        leave();
    }

    void visit_named_expr(NodeId id) {
        auto children = m_tree.children(id);
        const Node& target = m_tree[children[0]];
        if (m_comprehension[current()])
            extend_named_expr_scope(target.text);
        visit_expression(children[1]);
        visit_expression(children[0]);
    }

    /// symtable_extend_namedexpr_scope: the target belongs to the nearest
    /// enclosing function (or module), not to the comprehension.
    void extend_named_expr_scope(std::string_view name) {
        for (size_t i = m_stack.size(); i-- > 0;) {
            uint32_t scope = m_stack[i];
            if (m_comprehension[scope])
                continue;
            ScopeKind kind = m_facts.scopes[scope].kind;
            if (kind == ScopeKind::function || kind == ScopeKind::lambda) {
                bool global = (m_symbols.find(scope, mangle(name)) & k_def_global) != 0;
                add_def(name, global ? k_def_global : k_def_nonlocal);
                add_def(name, k_def_local, scope);
                return;
            }
            if (kind == ScopeKind::module) {
                add_def(name, k_def_global);
                add_def(name, k_def_global, scope);
            }
            return;  // a class body: an error in CPython
        }
    }

    // ---- file-level facts ------------------------------------------------

    void detect_future_annotations(NodeId root) {
        for (NodeId statement : m_tree.children(root)) {
            const Node& node = m_tree[statement];
            if (node.kind != NodeKind::import_from || node.text != "__future__" || node.extra != 0)
                continue;
            for (NodeId alias : m_tree.children(statement))
                if (m_tree[alias].text == "annotations")
                    m_facts.future_annotations = true;
        }
    }

    /// `__all__ = [...]` or `(...)` of string literals at module level.
    void record_all(NodeId assign) {
        if (current() != 0)
            return;
        auto children = m_tree.children(assign);
        for (size_t i = 0; i + 1 < children.size(); ++i) {
            const Node& target = m_tree[children[i]];
            if (target.kind == NodeKind::name && target.text == "__all__")
                m_facts.all = string_list(children.back());
        }
    }

    void record_all_extension(NodeId aug_assign) {
        auto children = m_tree.children(aug_assign);
        if (current() != 0 || m_tree[children[0]].text != "__all__" || !m_facts.all)
            return;
        auto more = string_list(children[1]);
        if (!more) {
            m_facts.all.reset();
            return;
        }
        m_facts.all->insert(m_facts.all->end(), more->begin(), more->end());
    }

    std::optional<std::vector<std::string>> string_list(NodeId value) const {
        const Node& node = m_tree[value];
        if (node.kind != NodeKind::sequence && node.kind != NodeKind::group)
            return std::nullopt;
        std::vector<std::string> names;
        for (NodeId item : m_tree.children(value)) {
            const Node& literal = m_tree[item];
            if (literal.kind != NodeKind::fstring || literal.text.size() < 2)
                return std::nullopt;
            std::string_view text = literal.text;
            size_t quote = text.find_first_of("'\"");
            size_t width =
                text.substr(quote).starts_with("\"\"\"") || text.substr(quote).starts_with("'''") ? 3 : 1;
            names.emplace_back(text.substr(quote + width, text.size() - quote - 2 * width));
        }
        return names;
    }

    // ---- annotation consumers and dynamic imports --------------------------

    AnnotationUse annotation_use() const {
        if (m_local_annotation)
            return AnnotationUse::never;
        if (!m_facts.future_annotations)
            return AnnotationUse::evaluated;
        return m_annotation_consumed > 0 ? AnnotationUse::consumer : AnnotationUse::postponed;
    }

    /// A written dotted name with its head resolved through the imports seen
    /// so far in the enclosing scopes: `BaseModel` after `from pydantic import
    /// BaseModel` -> "pydantic.BaseModel"; `pd.BaseModel` after `import pydantic as pd` too.
    std::string qualified(const std::string& dotted) const {
        std::string_view head = std::string_view(dotted).substr(0, dotted.find('.'));
        std::string_view rest = std::string_view(dotted).substr(head.size());
        for (auto site = m_facts.imports.rbegin(); site != m_facts.imports.rend(); ++site) {
            if (std::find(m_stack.begin(), m_stack.end(), site->scope) == m_stack.end())
                continue;
            for (const ImportedName& imported : site->names) {
                if (imported.name == "*" || bound_name(*site, imported) != head)
                    continue;
                std::string target = site->is_from
                                         ? std::string(site->level, '.') + site->module + "." + imported.name
                                     : imported.asname.empty() ? std::string(head)
                                                               : imported.name;
                return target.append(rest);
            }
        }
        return dotted;
    }

    /// A class base or decorator, or a function decorator, that reads annotations.
    bool is_consumer(NodeId expression) const {
        std::string dotted = dotted_name(m_tree, expression);
        if (dotted.empty())
            return false;
        if (std::find(m_consumer_names.begin(), m_consumer_names.end(), dotted) != m_consumer_names.end())
            return true;
        return m_consumers.matches(ConsumerRole::definition, qualified(dotted));
    }

    /// `x: Mapped[int]`: the annotation's head reads it.
    bool consumed_annotation(NodeId annotation) const {
        const Node& node = m_tree[annotation];
        NodeId head = node.kind == NodeKind::subscript ? m_tree.children(annotation)[0] : annotation;
        return m_consumers.matches(ConsumerRole::annotation, qualified(dotted_name(m_tree, head)));
    }

    /// `Base = declarative_base()` at module level: classes on Base are consumers too.
    void record_consumer_assignment(NodeId assign) {
        auto children = m_tree.children(assign);
        if (current() != 0 || m_tree[children.back()].kind != NodeKind::call || !is_consumer(children.back()))
            return;
        for (NodeId target : children.first(children.size() - 1))
            if (m_tree[target].kind == NodeKind::name)
                m_consumer_names.push_back(m_tree[target].text);
    }

    /// `get_type_hints(...)` somewhere: every postponed annotation may be read.
    void finish_annotations() {
        if (!m_reads_all_annotations)
            return;
        for (Reference& ref : m_facts.references)
            if (ref.annotation && ref.annotation_use == AnnotationUse::postponed)
                ref.annotation_use = AnnotationUse::consumer;
    }

    void record_dynamic_import(NodeId call) {
        if (auto candidate = dynamic_import_call(m_tree, call, current()))
            m_pending_imports.push_back(*candidate);
    }

    void finish_dynamic_imports() {
        for (const DynamicImportCall& candidate : m_pending_imports)
            if (calls_an_importer(m_facts, candidate))
                m_facts.dynamic_imports.push_back(candidate.site);
    }

    void finish_scopes() {
        for (const SymbolTable::Entry& entry : m_symbols.entries()) {
            Scope& scope = m_facts.scopes[entry.scope];
            uint16_t flags = entry.flags;
            bool declared = (flags & (k_def_global | k_def_nonlocal)) != 0;
            if ((flags & k_def_bound) != 0 && !declared)
                scope.bound.emplace_back(entry.name);
            if ((flags & k_use) != 0)
                scope.referenced.emplace_back(entry.name);
            if ((flags & k_def_global) != 0 && is_declared(entry.scope, entry.name, true))
                scope.globals.emplace_back(entry.name);
            if ((flags & k_def_nonlocal) != 0 && is_declared(entry.scope, entry.name, false))
                scope.nonlocals.emplace_back(entry.name);
        }
        for (Scope& scope : m_facts.scopes)
            for (auto* list : {&scope.bound, &scope.referenced, &scope.globals, &scope.nonlocals})
                std::sort(list->begin(), list->end());
    }

    bool is_declared(uint32_t scope, std::string_view name, bool global) const {
        return std::any_of(m_declared.begin(), m_declared.end(), [&](const Declaration& declaration) {
            return declaration.scope == scope && declaration.name == name && declaration.global == global;
        });
    }

    struct Declaration {
        uint32_t scope;
        std::string_view name;
        bool global;
    };

    const Tree& m_tree;
    FileFacts& m_facts;
    SymbolTable& m_symbols;
    const AnnotationConsumers& m_consumers;
    std::vector<bool> m_comprehension;   ///< by scope index
    std::vector<bool> m_consumer_class;  ///< by scope index: a class body whose annotations a consumer reads
    std::vector<std::string_view> m_consumer_names;  ///< this file's consumer classes (`class M(BaseModel)`)
    std::vector<DynamicImportCall> m_pending_imports;  ///< until the bindings are known
    int m_annotation_consumed = 0;                     ///< inside an annotation a consumer reads
    bool m_local_annotation = false;
    bool m_reads_all_annotations = false;
    bool m_aug_target = false;
    std::vector<uint32_t> m_stack;
    std::vector<Guard> m_guards;
    std::vector<Declaration> m_declared;
    std::vector<std::string_view> m_private;  ///< enclosing class names, for mangling
    int m_in_annotation = 0;
    int m_postponed = 0;  ///< inside an annotation that is never evaluated
    int m_definition_time = 0;
    int m_try_depth = 0;  ///< inside a try statement
};

}  // namespace

void analyse(const Tree& tree, NodeId root, FileFacts& facts) {
    SymbolTable symbols;
    analyse(tree, root, facts, symbols);
}

void analyse(const Tree& tree, NodeId root, FileFacts& facts, SymbolTable& scratch,
             const AnnotationConsumers& consumers) {
    Analyzer(tree, facts, scratch, consumers).run(root);
}

}  // namespace lmms::python

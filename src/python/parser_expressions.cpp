// Expressions and match patterns. Operator precedence does not matter for
// what LMMS extracts (which names are loaded, stored, bound where), so all
// binary operators share one loop; what matters is kept exact: lambdas,
// comprehensions, assignment expressions, keyword arguments, attributes.

#include <algorithm>
#include <array>

#include "python/parser_impl.hpp"

namespace lmms::python::detail {

namespace {

bool is_binary_op(const Token& token) {
    std::string_view text = token.text;
    if (token.kind == TokenKind::name)
        return text == "and" || text == "or" || text == "in" || text == "is" || text == "not";
    if (token.kind != TokenKind::op || text.empty() || text.size() > 2)
        return false;
    switch (text[0]) {
        case '+':
        case '-':
        case '%':
        case '@':
        case '&':
        case '|':
        case '^':
            return text.size() == 1;
        case '*':
        case '/':
        case '<':
        case '>':
            return text.size() == 1 || text[1] == text[0] ||
                   (text[1] == '=' && (text[0] == '<' || text[0] == '>')) || text == "<>";
        case '=':
        case '!':
            return text.size() == 2 && text[1] == '=';
        default:
            return false;
    }
}

}  // namespace

bool Parser::at_expression_start() const {
    const Token& token = peek();
    switch (token.kind) {
        case TokenKind::name:
            return !token.keyword || token.text == "None" || token.text == "True" || token.text == "False" ||
                   token.text == "lambda" || token.text == "not" || token.text == "await" ||
                   token.text == "yield";
        case TokenKind::number:
        case TokenKind::string:
        case TokenKind::fstring_start:
            return true;
        case TokenKind::op:
            return token.text == "(" || token.text == "[" || token.text == "{" || token.text == "-" ||
                   token.text == "+" || token.text == "~" || token.text == "*" || token.text == "...";
        default:
            return false;
    }
}

NodeId Parser::expression(bool allow_ternary) {
    DepthGuard guard(*this);
    if (guard.too_deep()) {
        fail(peek(), "too many nested parentheses");
        return k_no_node;
    }
    if (at_keyword("lambda"))
        return lambda();
    const Token& first = peek();
    size_t mark = m_tree.mark();
    NodeId left = unary();
    if (m_failed || (!is_binary_op(peek()) && !(allow_ternary && at_keyword("if"))))
        return left;
    NodeId id = node(NodeKind::group, first);
    m_tree.push(left);
    while (!m_failed) {
        if (is_binary_op(peek())) {
            const Token& op = take();
            if (op.text == "not" && !accept_keyword("in"))
                fail(peek(), "expected 'in'");
            if (op.text == "is")
                accept_keyword("not");
            m_tree.push(unary());
        } else if (allow_ternary && accept_keyword("if")) {
            m_tree.push(expression(false));
            if (!accept_keyword("else")) {
                fail(peek(), "expected 'else' after 'if' expression");
                break;
            }
            m_tree.push(expression());
            break;
        } else {
            break;
        }
    }
    return finish(id, mark);
}

NodeId Parser::named_expression() {
    if (!at_name() || !at_op(":=", 1))
        return expression();
    size_t mark = m_tree.mark();
    const Token& name = take();
    NodeId id = node(NodeKind::named_expr, name);
    NodeId target = node(NodeKind::name, name);
    m_tree.at(target).text = name.text;
    m_tree.at(target).context = Context::store;
    take();  // :=
    m_tree.push(target);
    m_tree.push(expression());
    return finish(id, mark);
}

/// One element of a display or an expression list: `*x` or an expression.
static NodeId element(Parser& parser) {
    if (!parser.at_op("*"))
        return parser.named_expression();
    size_t mark = parser.m_tree.mark();
    NodeId id = parser.node(NodeKind::starred, parser.take());
    parser.m_tree.push(parser.expression());
    return parser.finish(id, mark);
}

NodeId Parser::star_expressions() {
    const Token& first = peek();
    NodeId head = element(*this);
    if (m_failed || !at_op(","))
        return head;
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::sequence, first);
    m_tree.push(head);
    while (!m_failed && accept_op(",") && at_expression_start())
        m_tree.push(element(*this));
    return finish(id, mark);
}

NodeId Parser::star_targets() {
    const Token& first = peek();
    auto target = [this] {
        if (!at_op("*"))
            return primary();
        size_t mark = m_tree.mark();
        NodeId id = node(NodeKind::starred, take());
        m_tree.push(primary());
        return finish(id, mark);
    };
    NodeId head = target();
    if (m_failed || !at_op(","))
        return head;
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::sequence, first);
    m_tree.push(head);
    while (!m_failed && accept_op(",") && (at_name() || at_op("(") || at_op("[") || at_op("*")))
        m_tree.push(target());
    return finish(id, mark);
}

NodeId Parser::unary() {
    DepthGuard guard(*this);
    if (guard.too_deep()) {
        fail(peek(), "too many nested parentheses");
        return k_no_node;
    }
    if (at_op("-") || at_op("+") || at_op("~") || at_keyword("not") || at_keyword("await")) {
        size_t mark = m_tree.mark();
        NodeId id = node(NodeKind::group, take());
        m_tree.push(unary());
        return finish(id, mark);
    }
    return primary();
}

NodeId Parser::primary() {
    const Token& first = peek();
    NodeId value = atom();
    while (!m_failed) {
        if (at_op(".")) {
            take();
            size_t mark = m_tree.mark();
            NodeId id = node(NodeKind::attribute, first);
            m_tree.at(id).text = expect_name();
            m_tree.push(value);
            value = finish(id, mark);
        } else if (at_op("(")) {
            value = call_arguments(value, take());
        } else if (at_op("[")) {
            value = subscript(value, take());
        } else {
            break;
        }
    }
    return value;
}

NodeId Parser::atom() {
    DepthGuard guard(*this);
    if (guard.too_deep()) {
        fail(peek(), "too many nested parentheses");
        return k_no_node;
    }
    const Token& token = peek();
    switch (token.kind) {
        case TokenKind::name: {
            if (token.text == "None" || token.text == "True" || token.text == "False")
                return node(NodeKind::group, take());
            if (token.keyword) {
                fail(token, "invalid syntax");
                return k_no_node;
            }
            NodeId id = node(NodeKind::name, take());
            m_tree.at(id).text = token.text;
            return id;
        }
        case TokenKind::number:
            return node(NodeKind::group, take());
        case TokenKind::string:
        case TokenKind::fstring_start:
            return strings();
        case TokenKind::op:
            if (token.text == "(" || token.text == "[")
                return bracketed(take());
            if (token.text == "{")
                return braced(take());
            if (token.text == "...")
                return node(NodeKind::group, take());
            [[fallthrough]];
        default:
            fail(token, "invalid syntax");
            return k_no_node;
    }
}

NodeId Parser::call_arguments(NodeId function, const Token& open) {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::call, open);
    if (function != k_no_node) {
        m_tree.at(id).line = m_tree[function].line;
        m_tree.at(id).col = m_tree[function].col;
        m_tree.push(function);
    }
    while (!m_failed && !at_op(")")) {
        size_t argument_mark = m_tree.mark();
        if (at_op("**") || (at_name() && at_op("=", 1))) {
            NodeId keyword = node(NodeKind::keyword, peek());
            if (!accept_op("**")) {
                m_tree.at(keyword).text = take().text;
                take();  // =
            }
            m_tree.push(expression());
            m_tree.push(finish(keyword, argument_mark));
        } else {
            NodeId argument = element(*this);
            if (at_keyword("for") || (at_keyword("async") && at_keyword("for", 1))) {
                m_tree.push(argument);
                m_tree.push(
                    comprehension(open, NodeKind::comprehension, k_flag_generator_expression, argument_mark));
            } else {
                m_tree.push(argument);
            }
        }
        if (!accept_op(","))
            break;
    }
    expect_op(")");
    return finish(id, mark);
}

NodeId Parser::subscript(NodeId value, const Token& open) {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::subscript, open);
    m_tree.at(id).line = m_tree[value].line;
    m_tree.at(id).col = m_tree[value].col;
    m_tree.push(value);
    while (!m_failed && !at_op("]")) {
        if (at_op(":") || at_op(",")) {
            take();
            continue;
        }
        m_tree.push(element(*this));
    }
    expect_op("]");
    return finish(id, mark);
}

NodeId Parser::comprehension(const Token& open, NodeKind kind, uint16_t flags, size_t elements_mark) {
    NodeId id = node(kind, open);
    m_tree.at(id).flags = flags;
    while (!m_failed && (at_keyword("for") || (at_keyword("async") && at_keyword("for", 1)))) {
        size_t generator_mark = m_tree.mark();
        NodeId generator = node(NodeKind::generator, peek());
        if (accept_keyword("async"))
            m_tree.at(generator).flags = k_flag_async;
        take();  // for
        NodeId target = star_targets();
        set_context(target, Context::store);
        m_tree.push(target);
        if (!accept_keyword("in")) {
            fail(peek(), "expected 'in'");
            break;
        }
        m_tree.push(expression(false));
        while (!m_failed && accept_keyword("if"))
            m_tree.push(expression(false));
        m_tree.push(finish(generator, generator_mark));
    }
    return finish(id, elements_mark);
}

/// `( ... )` and `[ ... ]`: tuple or list display, parenthesized expression,
/// generator expression or list comprehension.
NodeId Parser::bracketed(const Token& open) {
    bool list = open.text == "[";
    std::string_view close = list ? "]" : ")";
    size_t mark = m_tree.mark();
    if (accept_op(close)) {
        NodeId empty = node(NodeKind::sequence, open);
        return finish(empty, mark);
    }
    if (!list && at_keyword("yield")) {
        NodeId inner = yield_expression();
        expect_op(close);
        return inner;
    }
    NodeId first = element(*this);
    if (at_keyword("for") || (at_keyword("async") && at_keyword("for", 1))) {
        m_tree.push(first);
        NodeId result = comprehension(open, NodeKind::comprehension,
                                      list ? k_flag_list : k_flag_generator_expression, mark);
        expect_op(close);
        return result;
    }
    if (!list && accept_op(")"))
        return first;  // parenthesized expression
    NodeId id = node(NodeKind::sequence, open);
    m_tree.push(first);
    while (!m_failed && accept_op(",") && !at_op(close))
        m_tree.push(element(*this));
    expect_op(close);
    return finish(id, mark);
}

/// `{ ... }`: dict or set display or comprehension.
NodeId Parser::braced(const Token& open) {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::group, open);
    if (accept_op("}"))
        return finish(id, mark);
    bool is_dict = at_op("**");
    if (is_dict) {
        take();
        m_tree.push(expression());
    } else {
        m_tree.push(element(*this));
        if (accept_op(":")) {
            is_dict = true;
            m_tree.push(expression());
        }
    }
    if (at_keyword("for") || (at_keyword("async") && at_keyword("for", 1))) {
        NodeId result =
            comprehension(open, NodeKind::comprehension, is_dict ? k_flag_dict : k_flag_set, mark);
        expect_op("}");
        return result;
    }
    while (!m_failed && accept_op(",") && !at_op("}")) {
        if (is_dict && accept_op("**")) {
            m_tree.push(expression());
        } else {
            m_tree.push(element(*this));
            if (is_dict && accept_op(":"))
                m_tree.push(expression());
        }
    }
    expect_op("}");
    return finish(id, mark);
}

NodeId Parser::lambda() {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::lambda, take());
    m_tree.push(arguments(true));
    expect_op(":");
    m_tree.push(expression());
    return finish(id, mark);
}

/// Adjacent string literals; f-strings contribute their fields' expressions.
NodeId Parser::strings() {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::fstring, peek());
    if (at_kind(TokenKind::string) && !at_kind(TokenKind::string, 1) && !at_kind(TokenKind::fstring_start, 1))
        m_tree.at(id).text = peek().text;  // a lone plain literal keeps its text (for __all__)
    while (!m_failed && (at_kind(TokenKind::string) || at_kind(TokenKind::fstring_start))) {
        if (take().kind == TokenKind::fstring_start)
            fstring_replacement_fields();
    }
    return finish(id, mark);
}

void Parser::fstring_replacement_fields() {
    DepthGuard guard(*this);
    if (guard.too_deep()) {
        fail(peek(), "too many nested f-strings");
        return;
    }
    while (!m_failed && !at_kind(TokenKind::fstring_end)) {
        if (at_kind(TokenKind::fstring_middle)) {
            take();
        } else if (accept_op("{")) {
            m_tree.push(at_keyword("yield") ? yield_expression() : star_expressions());
            accept_op("=");
            if (accept_op("!"))
                expect_name();
            if (accept_op(":"))
                fstring_replacement_fields();  // the format spec, ended by '}'
            expect_op("}");
        } else if (at_op("}")) {
            return;  // end of a format spec
        } else {
            fail(peek(), "invalid f-string");
        }
    }
    if (!m_failed && at_kind(TokenKind::fstring_end))
        take();
}

NodeId Parser::yield_expression() {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::group, take());
    if (accept_keyword("from"))
        m_tree.push(expression());
    else if (at_expression_start())
        m_tree.push(star_expressions());
    return finish(id, mark);
}

void Parser::set_context(NodeId id, Context context) {
    if (id == k_no_node)
        return;
    Node& target = m_tree.at(id);
    switch (target.kind) {
        case NodeKind::name:
        case NodeKind::attribute:  // its value is still loaded
            target.context = context;
            break;
        case NodeKind::sequence:
        case NodeKind::starred:
            for (NodeId child : m_tree.children(id))
                set_context(child, context);
            break;
        default:
            break;  // attribute and subscript targets load their parts
    }
}

// ---- match patterns -------------------------------------------------------

NodeId Parser::pattern() {
    DepthGuard guard(*this);
    if (guard.too_deep()) {
        fail(peek(), "too many nested patterns");
        return k_no_node;
    }
    const Token& first = peek();
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::pattern, first);
    m_tree.push(closed_pattern());
    while (!m_failed && accept_op("|"))
        m_tree.push(closed_pattern());
    if (!m_failed && accept_keyword("as")) {
        const Token& name = peek();
        std::string_view text = expect_name();
        NodeId capture = node(NodeKind::capture, name);
        m_tree.at(capture).text = text;
        m_tree.push(capture);
    }
    return finish(id, mark);
}

NodeId Parser::closed_pattern() {
    const Token& token = peek();
    size_t mark = m_tree.mark();
    if (token.kind == TokenKind::number || token.kind == TokenKind::string ||
        token.kind == TokenKind::fstring_start || at_op("-")) {
        NodeId id = node(NodeKind::pattern, token);
        accept_op("-");
        if (at_kind(TokenKind::number)) {
            take();
            if ((at_op("+") || at_op("-")) && at_kind(TokenKind::number, 1)) {
                take();
                take();
            }
        } else {
            m_tree.push(strings());
        }
        return finish(id, mark);
    }
    if (at_op("*")) {
        take();
        const Token& name = peek();
        std::string_view text = expect_name();
        NodeId id = node(text == "_" ? NodeKind::pattern : NodeKind::capture, name);
        if (text != "_")
            m_tree.at(id).text = text;
        return id;
    }
    if (at_op("(") || at_op("[")) {
        const Token& open = take();
        std::string_view close = open.text == "(" ? ")" : "]";
        NodeId id = node(NodeKind::pattern, open);
        while (!m_failed && !at_op(close)) {
            m_tree.push(pattern());
            if (!accept_op(","))
                break;
        }
        expect_op(close);
        return finish(id, mark);
    }
    if (at_op("{")) {
        NodeId id = node(NodeKind::pattern, take());
        while (!m_failed && !at_op("}")) {
            if (accept_op("**")) {
                const Token& name = peek();
                NodeId capture = node(NodeKind::capture, name);
                m_tree.at(capture).text = expect_name();
                m_tree.push(capture);
            } else {
                m_tree.push(closed_pattern());  // the key: a literal or a value pattern
                expect_op(":");
                m_tree.push(pattern());
            }
            if (!accept_op(","))
                break;
        }
        expect_op("}");
        return finish(id, mark);
    }
    if (token.kind == TokenKind::name &&
        (token.text == "None" || token.text == "True" || token.text == "False"))
        return node(NodeKind::pattern, take());
    if (!at_name()) {
        fail(token, "invalid pattern");
        return k_no_node;
    }
    if (!at_op(".", 1) && !at_op("(", 1)) {
        const Token& name = take();
        if (name.text == "_")
            return node(NodeKind::pattern, name);
        NodeId capture = node(NodeKind::capture, name);
        m_tree.at(capture).text = name.text;
        return capture;
    }
    // A value pattern (a.b) or a class pattern (a.B(...)): the dotted name is loaded.
    NodeId value = node(NodeKind::name, token);
    m_tree.at(value).text = take().text;
    while (!m_failed && accept_op(".")) {
        size_t attribute_mark = m_tree.mark();
        NodeId attribute = node(NodeKind::attribute, token);
        m_tree.at(attribute).text = expect_name();
        m_tree.push(value);
        value = finish(attribute, attribute_mark);
    }
    if (!accept_op("("))
        return value;
    NodeId id = node(NodeKind::pattern, token);
    m_tree.push(value);
    while (!m_failed && !at_op(")")) {
        if (at_name() && at_op("=", 1)) {
            take();
            take();
        }
        m_tree.push(pattern());
        if (!accept_op(","))
            break;
    }
    expect_op(")");
    return finish(id, mark);
}

}  // namespace lmms::python::detail

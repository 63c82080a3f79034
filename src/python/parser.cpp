#include "python/parser.hpp"

#include <utility>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "python/parser_impl.hpp"

namespace lmms::python {

namespace detail {

const Token& Parser::take() {
    const Token& token = m_tokens[m_pos];
    if (m_pos + 1 < m_tokens.size())
        ++m_pos;
    // Line structure tokens do not extend a statement's end, as in ast.
    if (token.kind != TokenKind::newline && token.kind != TokenKind::indent &&
        token.kind != TokenKind::dedent && token.kind != TokenKind::endmarker) {
        m_last_line = token.end_line;
        m_last_col = token.end_col;
    }
    return token;
}

bool Parser::accept_op(std::string_view op) {
    if (!at_op(op))
        return false;
    take();
    return true;
}

bool Parser::accept_keyword(std::string_view word) {
    if (!at_keyword(word))
        return false;
    take();
    return true;
}

void Parser::expect_op(std::string_view op) {
    if (!accept_op(op))
        fail(peek(), "expected '" + std::string(op) + "'");
}

std::string_view Parser::expect_name() {
    if (!at_name()) {
        fail(peek(), "expected a name");
        return {};
    }
    return take().text;
}

NodeId Parser::node(NodeKind kind, const Token& first) {
    Node value{};
    value.kind = kind;
    value.line = first.line;
    value.col = first.col;
    value.end_line = first.end_line;
    value.end_col = first.end_col;
    return m_tree.add(value);
}

NodeId Parser::finish(NodeId id, size_t mark) {
    m_tree.adopt(id, mark);
    Node& value = m_tree.at(id);
    if (m_last_line > value.end_line || (m_last_line == value.end_line && m_last_col > value.end_col)) {
        value.end_line = m_last_line;
        value.end_col = m_last_col;
    }
    return id;
}

void Parser::fail(const Token& at, std::string message) {
    if (m_failed)
        return;
    m_failed = true;
    m_failed_line = at.line;
    if (!m_errors.empty())
        return;  // like CPython, report the first syntax error only
    if (at.kind == TokenKind::error)
        message = "invalid syntax";
    m_errors.push_back({at.line, at.col, std::move(message)});
}

/// Skips to the start of the next statement: the next logical line, or,
/// when an unclosed bracket hides the line ends, a statement keyword at the
/// start of a later line.
void Parser::recover() {
    uint32_t failed_line = m_failed_line;
    auto starts_statement = [&] {
        const Token& token = peek();
        if (token.kind != TokenKind::name || token.col != 0 || token.line <= failed_line)
            return false;
        static constexpr std::array<std::string_view, 10> k_starters = {
            "import", "from", "def", "class", "if", "for", "while", "try", "with", "async"};
        return std::find(k_starters.begin(), k_starters.end(), token.text) != k_starters.end();
    };
    while (!at_kind(TokenKind::endmarker) && !at_kind(TokenKind::newline) && !at_kind(TokenKind::indent) &&
           !at_kind(TokenKind::dedent) && !starts_statement())
        take();
    if (at_kind(TokenKind::newline))
        take();
    m_failed = false;
}

void Parser::run() {
    NodeId root = node(NodeKind::module, peek());
    size_t mark = m_tree.mark();
    while (!at_kind(TokenKind::endmarker)) {
        size_t before = m_pos;
        m_keep = m_tree.mark();
        statement();
        if (m_failed || m_pos == before) {
            if (!m_failed)
                fail(peek(), "invalid syntax");
            m_tree.truncate(m_keep);
            recover();
            if (m_pos == before && !at_kind(TokenKind::endmarker))
                take();
        }
    }
    finish(root, mark);
    m_result.root = root;
}

void Parser::statement() {
    if (at_kind(TokenKind::indent)) {
        fail(peek(), "unexpected indent");
        take();
        return;
    }
    if (at_kind(TokenKind::dedent) || at_kind(TokenKind::newline)) {
        take();
        return;
    }
    const Token& token = peek();
    if (token.kind == TokenKind::op && token.text == "@")
        return decorated();
    if (token.kind == TokenKind::name) {
        std::string_view word = token.text;
        if (word == "def")
            return function_def(m_tree.mark(), false);
        if (word == "class")
            return class_def(m_tree.mark());
        if (word == "if")
            return if_statement();
        if (word == "while")
            return while_statement();
        if (word == "for")
            return for_statement(false);
        if (word == "try")
            return try_statement();
        if (word == "with")
            return with_statement(false);
        if (word == "async") {
            if (at_keyword("def", 1)) {
                take();
                return function_def(m_tree.mark(), true);
            }
            if (at_keyword("for", 1)) {
                take();
                return for_statement(true);
            }
            if (at_keyword("with", 1)) {
                take();
                return with_statement(true);
            }
        }
        if (word == "match" && match_statement())
            return;
    }
    simple_statements();
}

void Parser::simple_statements() {
    while (!m_failed) {
        simple_statement();
        if (!m_failed)
            m_keep = m_tree.mark();  // complete: kept even if the line fails later
        if (m_failed || !accept_op(";"))
            break;
        if (at_kind(TokenKind::newline) || at_kind(TokenKind::endmarker))
            break;
    }
    if (m_failed)
        return;
    if (at_kind(TokenKind::newline))
        take();
    else if (!at_kind(TokenKind::endmarker))
        fail(peek(), "invalid syntax");
}

void Parser::simple_statement() {
    const Token& first = peek();
    size_t mark = m_tree.mark();
    if (first.kind == TokenKind::name) {
        std::string_view word = first.text;
        if (word == "pass" || word == "break" || word == "continue") {
            take();
            return;
        }
        if (word == "import")
            return import_statement();
        if (word == "from")
            return from_import_statement();
        // PEP 810 (3.15): the soft keyword `lazy` before an import. The node
        // starts at `lazy` and is flagged; where it is allowed is the compiler's rule.
        if (word == "lazy" && at_kind(TokenKind::name, 1) &&
            (peek(1).text == "import" || peek(1).text == "from")) {
            m_lazy_start = &take();
            return peek().text == "import" ? import_statement() : from_import_statement();
        }
        if (word == "global" || word == "nonlocal") {
            NodeId id = node(word == "global" ? NodeKind::global : NodeKind::nonlocal, take());
            do {
                const Token& name = peek();
                std::string_view text = expect_name();
                if (m_failed)
                    return;
                NodeId name_id = node(NodeKind::name, name);
                m_tree.at(name_id).text = text;
                m_tree.push(name_id);
            } while (accept_op(","));
            m_tree.push(finish(id, mark));
            return;
        }
        if (word == "del") {
            NodeId id = node(NodeKind::del_stmt, take());
            NodeId targets = star_expressions();
            if (m_failed)
                return;
            set_context(targets, Context::del);
            m_tree.push(targets);
            m_tree.push(finish(id, mark));
            return;
        }
        if (word == "return" || word == "raise" || word == "assert") {
            NodeId id = node(NodeKind::statement, take());
            if (at_expression_start()) {
                m_tree.push(star_expressions());
                if (word == "raise" && accept_keyword("from"))
                    m_tree.push(expression());
                if (word == "assert" && accept_op(","))
                    m_tree.push(expression());
            }
            if (!m_failed)
                m_tree.push(finish(id, mark));
            return;
        }
        if (word == "type" && at_name(1) && (at_op("=", 2) || at_op("[", 2))) {
            NodeId id = node(NodeKind::type_alias, take());
            const Token& name = take();
            NodeId name_id = node(NodeKind::name, name);
            m_tree.at(name_id).text = name.text;
            m_tree.at(name_id).context = Context::store;
            skip_type_parameters();
            expect_op("=");
            m_tree.push(name_id);
            m_tree.push(expression());
            if (!m_failed)
                m_tree.push(finish(id, mark));
            return;
        }
    }
    expression_statement();
}

void Parser::expression_statement() {
    const Token& first = peek();
    size_t mark = m_tree.mark();
    NodeId target = at_keyword("yield") ? yield_expression() : star_expressions();
    if (m_failed)
        return;
    if (at_op(":")) {  // annotated assignment
        take();
        NodeId id = node(NodeKind::ann_assign, first);
        const Node& target_node = m_tree[target];
        bool simple =
            target_node.kind == NodeKind::name && !(first.kind == TokenKind::op && first.text == "(");
        m_tree.at(id).flags = simple ? k_flag_simple : 0;
        set_context(target, Context::store);
        m_tree.push(target);
        m_tree.push(expression());
        if (accept_op("="))
            m_tree.push(at_keyword("yield") ? yield_expression() : star_expressions());
        if (!m_failed)
            m_tree.push(finish(id, mark));
        return;
    }
    if (at_augmented_assignment()) {
        take();
        NodeId id = node(NodeKind::aug_assign, first);
        set_context(target, Context::store);
        m_tree.push(target);
        m_tree.push(at_keyword("yield") ? yield_expression() : star_expressions());
        if (!m_failed)
            m_tree.push(finish(id, mark));
        return;
    }
    if (!at_op("=")) {
        NodeId id = node(NodeKind::statement, first);
        m_tree.push(target);
        m_tree.push(finish(id, mark));
        return;
    }
    NodeId id = node(NodeKind::assign, first);
    std::vector<NodeId> parts{target};
    while (accept_op("=")) {
        parts.push_back(at_keyword("yield") ? yield_expression() : star_expressions());
        if (m_failed)
            return;
    }
    for (size_t i = 0; i + 1 < parts.size(); ++i)
        set_context(parts[i], Context::store);
    for (NodeId part : parts)
        m_tree.push(part);
    m_tree.push(finish(id, mark));
}

NodeId Parser::block() {
    NodeId id = node(NodeKind::block, peek());
    size_t mark = m_tree.mark();
    expect_op(":");
    if (m_failed)
        return finish(id, mark);
    if (!at_kind(TokenKind::newline)) {
        simple_statements();
        return finish(id, mark);
    }
    take();
    if (!at_kind(TokenKind::indent)) {
        fail(peek(), "expected an indented block");
        return finish(id, mark);
    }
    take();
    size_t outer_keep = m_keep;
    while (!at_kind(TokenKind::dedent) && !at_kind(TokenKind::endmarker)) {
        size_t before = m_pos;
        m_keep = m_tree.mark();
        statement();
        if (m_failed || m_pos == before) {
            if (!m_failed)
                fail(peek(), "invalid syntax");
            m_tree.truncate(m_keep);
            recover();
            if (m_pos == before && !at_kind(TokenKind::endmarker) && !at_kind(TokenKind::dedent))
                take();
        }
    }
    m_keep = outer_keep;
    if (at_kind(TokenKind::dedent))
        take();
    return finish(id, mark);
}

/// 3.12 type parameters (`def f[T]`, `class C[T]`, `type X[T] = ...`) are
/// skipped: their scopes are not modelled, and 3.11's symtable has none.
void Parser::skip_type_parameters() {
    int depth = 0;
    while (at_op("[") || depth > 0) {
        if (at_kind(TokenKind::endmarker) || at_kind(TokenKind::newline))
            return;
        depth += at_op("[") ? 1 : at_op("]") ? -1 : 0;
        take();
    }
}

void Parser::decorated() {
    size_t mark = m_tree.mark();
    while (at_op("@")) {
        take();
        m_tree.push(named_expression());
        if (m_failed)
            return;
        if (!at_kind(TokenKind::newline)) {
            fail(peek(), "expected a newline after the decorator");
            return;
        }
        take();
    }
    bool is_async = accept_keyword("async");
    if (at_keyword("def"))
        return function_def(mark, is_async);
    if (at_keyword("class") && !is_async)
        return class_def(mark);
    fail(peek(), "expected 'def' or 'class' after decorators");
}

void Parser::function_def(size_t decorators_mark, bool is_async) {
    const Token& def = take();
    NodeId id = node(NodeKind::function_def, def);
    m_tree.at(id).extra = static_cast<uint32_t>(m_tree.mark() - decorators_mark);
    m_tree.at(id).flags = is_async ? k_flag_async : 0;
    m_tree.at(id).text = expect_name();
    skip_type_parameters();
    expect_op("(");
    if (m_failed)
        return;
    m_tree.push(arguments(false));
    expect_op(")");
    if (accept_op("->")) {
        m_tree.at(id).flags |= k_flag_has_annotation;
        m_tree.push(expression());
    }
    if (m_failed)
        return;
    m_tree.push(block());
    m_tree.push(finish(id, decorators_mark));
}

/// Parameters of a def (with annotations) or a lambda (without), up to ')' or ':'.
NodeId Parser::arguments(bool lambda) {
    NodeId id = node(NodeKind::arguments, peek());
    size_t mark = m_tree.mark();
    std::string_view end = lambda ? ":" : ")";
    while (!at_op(end) && !m_failed) {
        if (accept_op("/")) {
            // positional-only marker
        } else if (at_op("*") && (at_op(",", 1) || at_op(end, 1))) {
            take();  // keyword-only marker
        } else {
            uint16_t flags = at_op("*") ? k_flag_vararg : at_op("**") ? k_flag_kwarg : 0;
            if (flags != 0)
                take();
            const Token& name = peek();
            std::string_view text = expect_name();
            if (m_failed)
                break;
            NodeId parameter = node(NodeKind::parameter, name);
            m_tree.at(parameter).text = text;
            size_t parameter_mark = m_tree.mark();
            if (!lambda && accept_op(":")) {
                flags |= k_flag_has_annotation;
                m_tree.push(at_op("*") ? star_expressions() : expression());
            }
            if (accept_op("=")) {
                flags |= k_flag_has_default;
                m_tree.push(expression());
            }
            m_tree.at(parameter).flags = flags;
            m_tree.push(finish(parameter, parameter_mark));
        }
        if (!accept_op(","))
            break;
    }
    return finish(id, mark);
}

void Parser::class_def(size_t decorators_mark) {
    const Token& keyword = take();
    NodeId id = node(NodeKind::class_def, keyword);
    m_tree.at(id).extra = static_cast<uint32_t>(m_tree.mark() - decorators_mark);
    m_tree.at(id).text = expect_name();
    skip_type_parameters();
    if (at_op("(")) {
        const Token& open = take();
        NodeId call = call_arguments(k_no_node, open);  // bases and keywords, as a call's arguments
        if (m_failed)
            return;
        for (NodeId child : m_tree.children(call))
            m_tree.push(child);
    }
    if (m_failed)
        return;
    m_tree.push(block());
    m_tree.push(finish(id, decorators_mark));
}

void Parser::if_statement() {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::if_stmt, take());
    m_tree.push(named_expression());
    if (m_failed)
        return;
    m_tree.push(block());
    if (at_keyword("elif")) {
        NodeId orelse = node(NodeKind::block, peek());
        size_t else_mark = m_tree.mark();
        if_statement();
        m_tree.push(finish(orelse, else_mark));
    } else if (accept_keyword("else")) {
        m_tree.push(block());
    }
    m_tree.push(finish(id, mark));
}

void Parser::while_statement() {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::while_stmt, take());
    m_tree.push(named_expression());
    if (m_failed)
        return;
    m_tree.push(block());
    if (accept_keyword("else"))
        m_tree.push(block());
    m_tree.push(finish(id, mark));
}

void Parser::for_statement(bool is_async) {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::for_stmt, take());
    m_tree.at(id).flags = is_async ? k_flag_async : 0;
    NodeId target = star_targets();
    if (m_failed)
        return;
    set_context(target, Context::store);
    m_tree.push(target);
    if (!accept_keyword("in")) {
        fail(peek(), "expected 'in'");
        return;
    }
    m_tree.push(star_expressions());
    if (m_failed)
        return;
    m_tree.push(block());
    if (accept_keyword("else"))
        m_tree.push(block());
    m_tree.push(finish(id, mark));
}

void Parser::try_statement() {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::try_stmt, take());
    m_tree.push(block());
    while (!m_failed && at_keyword("except")) {
        size_t handler_mark = m_tree.mark();
        NodeId handler = node(NodeKind::except_handler, take());
        accept_op("*");
        if (!at_op(":")) {
            m_tree.push(expression());
            if (accept_op(","))  // except (A, B) written without parentheses is an error; keep going
                m_tree.push(star_expressions());
            if (accept_keyword("as"))
                m_tree.at(handler).text = expect_name();
        }
        if (m_failed)
            return;
        m_tree.push(block());
        m_tree.push(finish(handler, handler_mark));
    }
    if (accept_keyword("else"))
        m_tree.push(block());
    if (accept_keyword("finally")) {
        NodeId final_block = block();
        m_tree.at(final_block).flags = k_flag_simple;  // marks the finally block
        m_tree.push(final_block);
    }
    if (!m_failed)
        m_tree.push(finish(id, mark));
}

void Parser::with_statement(bool is_async) {
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::with_stmt, take());
    m_tree.at(id).flags = is_async ? k_flag_async : 0;
    // `with (a as b, c):`: parenthesized items, told apart from a parenthesized
    // expression by the ':' right after the closing parenthesis.
    bool parenthesized = false;
    if (at_op("(")) {
        int depth = 0;
        for (size_t ahead = 0;; ++ahead) {
            const Token& token = peek(ahead);
            if (token.kind == TokenKind::endmarker || token.kind == TokenKind::newline)
                break;
            if (token.kind == TokenKind::op && (token.text == "(" || token.text == "[" || token.text == "{"))
                ++depth;
            if (token.kind == TokenKind::op &&
                (token.text == ")" || token.text == "]" || token.text == "}") && --depth == 0) {
                parenthesized = at_op(":", ahead + 1);
                break;
            }
        }
    }
    if (parenthesized)
        take();
    while (!m_failed) {
        size_t item_mark = m_tree.mark();
        NodeId item = node(NodeKind::with_item, peek());
        m_tree.push(expression());
        if (accept_keyword("as")) {
            NodeId target = primary();  // one target: a ',' starts the next item
            set_context(target, Context::store);
            m_tree.push(target);
        }
        if (m_failed)
            return;
        m_tree.push(finish(item, item_mark));
        if (!accept_op(","))
            break;
        if (parenthesized && at_op(")"))
            break;
    }
    if (parenthesized)
        expect_op(")");
    if (m_failed)
        return;
    m_tree.push(block());
    m_tree.push(finish(id, mark));
}

/// `match` is a soft keyword: a match statement only when the logical line
/// ends with ':' and an indented block of `case`s follows.
bool Parser::match_statement() {
    size_t ahead = 1;
    while (!at_kind(TokenKind::newline, ahead) && !at_kind(TokenKind::endmarker, ahead))
        ++ahead;
    if (ahead < 2 || !at_op(":", ahead - 1) || !at_kind(TokenKind::indent, ahead + 1) ||
        !at_keyword("case", ahead + 2) || at_op("=", 1) || at_op(".", 1))
        return false;
    size_t mark = m_tree.mark();
    NodeId id = node(NodeKind::match_stmt, take());
    m_tree.push(star_expressions());
    expect_op(":");
    if (m_failed)
        return true;
    take();  // newline
    take();  // indent
    while (!m_failed && at_keyword("case")) {
        size_t case_mark = m_tree.mark();
        NodeId match_case = node(NodeKind::match_case, take());
        const Token& start = peek();
        NodeId first = pattern();
        if (at_op(",")) {  // an open sequence pattern: case a, b:
            size_t sequence_mark = m_tree.mark();
            NodeId sequence = node(NodeKind::pattern, start);
            m_tree.push(first);
            while (!m_failed && accept_op(",") && !at_op(":") && !at_keyword("if"))
                m_tree.push(pattern());
            first = finish(sequence, sequence_mark);
        }
        m_tree.push(first);
        if (accept_keyword("if"))
            m_tree.push(named_expression());
        if (m_failed)
            return true;
        m_tree.push(block());
        m_tree.push(finish(match_case, case_mark));
    }
    if (at_kind(TokenKind::dedent))
        take();
    if (!m_failed)
        m_tree.push(finish(id, mark));
    return true;
}

namespace {

/// `a . b . c` as "a.b.c".
std::string_view dotted_name(Parser& parser) {
    const Token& first = parser.peek();
    std::string_view text = parser.expect_name();
    if (!parser.at_op("."))
        return text;
    std::string joined(text);
    bool contiguous = true;
    uint32_t end = first.end_col;
    while (parser.at_op(".") && parser.at_name(1)) {
        const Token& dot = parser.take();
        const Token& name = parser.take();
        contiguous = contiguous && dot.line == first.line && dot.col == end && name.col == dot.end_col;
        end = name.end_col;
        joined += ".";
        joined += name.text;
    }
    if (contiguous)
        return std::string_view(first.text.data(), joined.size());
    return parser.m_tree.own(std::move(joined));
}

}  // namespace

NodeId Parser::import_node(NodeKind kind) {
    const Token* lazy = std::exchange(m_lazy_start, nullptr);
    NodeId id = node(kind, lazy != nullptr ? *lazy : peek());
    take();
    if (lazy != nullptr)
        m_tree.at(id).flags |= k_flag_lazy;
    return id;
}

void Parser::import_statement() {
    size_t mark = m_tree.mark();
    NodeId id = import_node(NodeKind::import);
    do {
        size_t alias_mark = m_tree.mark();
        NodeId alias = node(NodeKind::alias, peek());
        std::string_view name = dotted_name(*this);
        if (m_failed)
            return;
        m_tree.at(alias).text = name;
        if (accept_keyword("as"))
            m_tree.at(alias).text2 = expect_name();
        m_tree.push(finish(alias, alias_mark));
    } while (!m_failed && accept_op(","));
    if (!m_failed)
        m_tree.push(finish(id, mark));
}

void Parser::from_import_statement() {
    size_t mark = m_tree.mark();
    NodeId id = import_node(NodeKind::import_from);
    uint16_t level = 0;
    while (at_op(".") || at_op("...")) {
        level = static_cast<uint16_t>(level + (take().text.size() == 3 ? 3 : 1));
    }
    m_tree.at(id).extra = level;
    if (!at_keyword("import"))
        m_tree.at(id).text = dotted_name(*this);
    if (!accept_keyword("import")) {
        fail(peek(), "expected 'import'");
        return;
    }
    bool parenthesized = accept_op("(");
    do {
        if (parenthesized && at_op(")"))
            break;
        size_t alias_mark = m_tree.mark();
        NodeId alias = node(NodeKind::alias, peek());
        if (at_op("*")) {
            m_tree.at(alias).text = take().text;
        } else {
            m_tree.at(alias).text = expect_name();
            if (accept_keyword("as"))
                m_tree.at(alias).text2 = expect_name();
        }
        if (m_failed)
            return;
        m_tree.push(finish(alias, alias_mark));
    } while (accept_op(","));
    if (parenthesized)
        expect_op(")");
    if (!m_failed)
        m_tree.push(finish(id, mark));
}

}  // namespace detail

void parse_into(std::span<const Token> tokens, ParseResult& result) {
    result.tree.clear();
    result.errors.clear();
    result.root = k_no_node;
    result.tree.reserve(tokens.size());
    detail::Parser(tokens, result).run();
}

ParseResult parse(std::vector<Token> tokens) {
    std::erase_if(tokens, [](const Token& token) {
        return token.kind == TokenKind::comment || token.kind == TokenKind::nl;
    });
    if (tokens.empty() || tokens.back().kind != TokenKind::endmarker) {
        tokens.push_back(Token{TokenKind::endmarker, false, 1, 0, 1, 0, {}});
    }
    ParseResult result;
    parse_into(tokens, result);
    return result;
}

}  // namespace lmms::python

#pragma once
// The recursive-descent parser shared by parser.cpp (statements) and
// parser_expressions.cpp (expressions and match patterns). Internal.

#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "python/parser.hpp"

namespace lmms::python::detail {

/// CPython refuses deeper nesting too ("too many nested parentheses").
inline constexpr int k_max_depth = 200;

/// Token text comparison, the parser's innermost test: length and first byte
/// settle almost every mismatch without a call to memcmp.
inline bool same_text(std::string_view text, std::string_view expected) {
    return text.size() == expected.size() && !text.empty() && text[0] == expected[0] &&
           (text.size() == 1 || std::memcmp(text.data() + 1, expected.data() + 1, text.size() - 1) == 0);
}

class Parser {
public:
    /// `tokens` as tokenize() with Trivia::drop returns them (ending with
    /// ENDMARKER); the tree and errors go to `result`, which starts empty.
    Parser(std::span<const Token> tokens, ParseResult& result)
        : m_tokens(tokens), m_tree(result.tree), m_errors(result.errors), m_result(result) {}
    void run();

    // statements (parser.cpp)
    void statement();
    void simple_statements();
    void simple_statement();
    NodeId block();
    void decorated();
    void skip_type_parameters();
    void function_def(size_t decorators_mark, bool is_async);
    void class_def(size_t decorators_mark);
    void if_statement();
    void while_statement();
    void for_statement(bool is_async);
    void try_statement();
    void with_statement(bool is_async);
    bool match_statement();
    /// The import's node, from `lazy` when it came first; takes the keyword.
    NodeId import_node(NodeKind kind);
    void import_statement();
    void from_import_statement();
    void expression_statement();
    NodeId arguments(bool lambda);

    // expressions (parser_expressions.cpp)
    NodeId expression(bool allow_ternary = true);
    NodeId named_expression();
    NodeId star_expressions();  ///< a, *b, c  (a tuple when there is a comma)
    NodeId star_targets();      ///< for-loop / with / comprehension targets
    NodeId unary();
    NodeId primary();
    NodeId atom();
    NodeId call_arguments(NodeId function, const Token& open);
    NodeId subscript(NodeId value, const Token& open);
    NodeId bracketed(const Token& open);
    NodeId braced(const Token& open);
    NodeId comprehension(const Token& open, NodeKind, uint16_t flags, size_t elements_mark);
    NodeId lambda();
    NodeId strings();
    void fstring_replacement_fields();
    NodeId yield_expression();
    void set_context(NodeId node, Context context);

    // patterns (parser_expressions.cpp)
    NodeId pattern();
    NodeId closed_pattern();

    // tokens
    const Token& peek(size_t ahead = 0) const {
        size_t index = m_pos + ahead;
        return m_tokens[index < m_tokens.size() ? index : m_tokens.size() - 1];
    }
    const Token& take();
    bool at_op(std::string_view op, size_t ahead = 0) const {
        const Token& token = peek(ahead);
        return token.kind == TokenKind::op && same_text(token.text, op);
    }
    bool at_keyword(std::string_view word, size_t ahead = 0) const {
        const Token& token = peek(ahead);
        return token.kind == TokenKind::name && same_text(token.text, word);
    }
    /// += -= *= /= //= %= @= &= |= ^= >>= <<= **=
    bool at_augmented_assignment() const {
        const Token& token = peek();
        std::string_view text = token.text;
        return token.kind == TokenKind::op && text.size() >= 2 && text.back() == '=' && text != "==" &&
               text != "!=" && text != "<=" && text != ">=" && text != ":=";
    }
    bool at_name(size_t ahead = 0) const {  ///< an identifier, not a hard keyword
        const Token& token = peek(ahead);
        return token.kind == TokenKind::name && !token.keyword;
    }
    bool at_kind(TokenKind kind, size_t ahead = 0) const { return peek(ahead).kind == kind; }
    bool accept_op(std::string_view op);
    bool accept_keyword(std::string_view word);
    void expect_op(std::string_view op);
    std::string_view expect_name();
    bool at_expression_start() const;

    // building
    NodeId node(NodeKind kind, const Token& first);
    NodeId finish(NodeId id, size_t mark);  ///< adopts children pushed since mark, sets the end
    void fail(const Token& at, std::string message);
    bool failed() const { return m_failed; }
    void recover();
    struct DepthGuard;

    std::span<const Token> m_tokens;  ///< without comments and non-logical line breaks
    size_t m_pos = 0;
    Tree& m_tree;
    std::vector<SourceError>& m_errors;
    ParseResult& m_result;
    bool m_failed = false;
    const Token* m_lazy_start = nullptr;  ///< a `lazy` just taken, for the import that follows
    size_t m_keep = 0;           ///< builder stack size after the last complete statement
    uint32_t m_failed_line = 0;  ///< where the statement being skipped failed
    int m_depth = 0;
    uint32_t m_last_line = 0;  ///< end of the last token taken
    uint32_t m_last_col = 0;
};

struct Parser::DepthGuard {
    Parser& parser;
    explicit DepthGuard(Parser& p) : parser(p) { ++parser.m_depth; }
    ~DepthGuard() { --parser.m_depth; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    bool too_deep() const { return parser.m_depth > k_max_depth; }
};

}  // namespace lmms::python::detail

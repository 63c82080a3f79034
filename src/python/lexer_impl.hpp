#pragma once
// The lexer shared by lexer.cpp (lines, indentation, names, numbers,
// operators) and lexer_strings.cpp (string literals, f- and t-strings).
// Internal.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "python/token.hpp"

namespace lmms::python::detail {

/// Past this many, errors are counted as tokens but no longer recorded (binary
/// garbage would otherwise allocate a message per byte).
inline constexpr size_t k_max_errors = 100;

/// An opening bracket not yet closed.
struct OpenBracket {
    char symbol;
    bool is_field;  ///< the '{' that opens an f-string replacement field
    uint32_t line;
    uint32_t col;
};

/// An f-string or t-string not yet closed.
struct OpenFString {
    uint32_t line;  ///< of the prefix
    uint32_t col;
    size_t bracket_base;  ///< brackets open before the string started; its own sit above
    char quote;
    uint8_t quote_size;  ///< 1 or 3
    bool raw;
    bool template_string;  ///< t"..." (only changes the wording of errors)
    bool in_expression;    ///< tokenizing a replacement field rather than literal text
};

class Lexer {
public:
    /// Appends to `result`, which must start empty.
    Lexer(std::string_view source, Trivia trivia, LexResult& result);
    void run();

    // lines and layout (lexer.cpp)
    void report_null_bytes();
    void start_line();
    void indent_to(uint32_t col, uint32_t alternate_col, const char* first);
    void newline();
    void comment();
    void continuation();
    void end_of_input();

    // tokens (lexer.cpp)
    void name_or_string();
    void number();
    void dot();
    void open_bracket();
    void close_bracket();
    void colon();
    void operator_token();
    void invalid_characters();

    // strings (lexer_strings.cpp)
    void string_literal(const char* prefix, const char* quote, unsigned prefix_flags);
    void plain_string(const char* prefix, const char* quote, uint8_t quote_size);
    bool recover_fstring_end(const char* quote, uint8_t quote_size, const char* scanned_to, uint32_t line,
                             const char* line_start);
    void fstring_middle();
    void unterminated_fstring(const char* middle, uint32_t line, uint32_t col, const char* end);
    bool in_fstring_expression() const { return !m_fstrings.empty() && m_fstrings.back().in_expression; }
    bool at_field_level() const;  ///< the innermost open bracket is a replacement field's '{'

    // helpers
    uint32_t col_of(const char* at) const { return static_cast<uint32_t>(at - m_line_start); }
    void next_line(const char* newline_at) {
        ++m_line;
        m_line_start = newline_at + 1;
    }
    /// Ends at `end` on the current line.
    void emit(TokenKind kind, const char* start, uint32_t line, uint32_t col, const char* end) {
        push(Token{kind, false, line, col, m_line, col_of(end), std::string_view(start, end - start)});
    }
    /// With Trivia::drop a comment or NL token stays only until the next
    /// token overwrites it: the last token is always there to look at.
    void push(const Token& token) {
        std::vector<Token>& tokens = m_result.tokens;
        if (m_drop_trivia && !tokens.empty() &&
            (tokens.back().kind == TokenKind::comment || tokens.back().kind == TokenKind::nl))
            tokens.back() = token;
        else
            tokens.push_back(token);
    }
    void emit(TokenKind kind, const char* start, const char* end) {
        emit(kind, start, m_line, col_of(start), end);
    }
    void error(uint32_t line, uint32_t col, std::string message);
    uint32_t last_line() const;  ///< the line EOF is on, as CPython counts it
    void close_brackets_down_to(size_t count) { m_brackets.resize(std::min(count, m_brackets.size())); }

    const char* m_begin;
    const char* m_end;
    const char* m_pos;
    const char* m_line_start;
    uint32_t m_line = 1;
    bool m_at_line_start = true;
    bool m_blank_line = false;  ///< the current line holds only whitespace and comments
    size_t m_rescan_budget;     ///< bytes an f-string recovery may scan twice, keeping the lexer linear
    std::vector<uint32_t> m_indents{0};
    std::vector<uint32_t> m_alternate_indents{0};  ///< with tabs one column wide, to catch mixed tabs
    std::vector<OpenBracket> m_brackets;
    std::vector<OpenFString> m_fstrings;
    bool m_drop_trivia;
    LexResult& m_result;
};

/// String prefix letters, as flags; 0 for a prefix that is not one.
enum PrefixFlag : unsigned {
    k_prefix_valid = 1,
    k_prefix_raw = 2,
    k_prefix_bytes = 4,
    k_prefix_format = 8,
    k_prefix_template = 16,
    k_prefix_unicode = 32,
};
unsigned string_prefix_flags(std::string_view prefix);

/// "unterminated f-string literal (detected at line N)" and its variants.
std::string unterminated_fstring_message(const OpenFString& string, uint32_t detected_line);

}  // namespace lmms::python::detail

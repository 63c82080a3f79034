// Python tokenizer following CPython 3.12+ (Parser/lexer/lexer.c and the
// tokenize module): the same tokens, positions and error wording, but it
// never stops at an error. One pass over the bytes; brackets, indentation and
// f-strings live in explicit stacks, so no input can recurse or loop.

#include <algorithm>
#include <array>
#include <cstring>

#include <fmt/format.h>

#include "python/lexer_impl.hpp"

namespace lmms::python {

namespace detail {

namespace {

constexpr uint32_t k_tab_size = 8;

enum class CharClass : uint8_t {
    invalid,
    whitespace,
    newline,
    identifier,
    digit,
    quote,
    hash,
    backslash,
    dot,
    open_bracket,
    close_bracket,
    colon,
    operator_char,
};

constexpr std::array<CharClass, 256> make_char_classes() {
    std::array<CharClass, 256> classes{};
    for (char c : std::string_view(" \t\f\r"))
        classes[static_cast<unsigned char>(c)] = CharClass::whitespace;
    for (int c = 'a'; c <= 'z'; ++c)
        classes[c] = classes[c - 'a' + 'A'] = CharClass::identifier;
    for (int c = 0x80; c <= 0xff; ++c)
        classes[c] = CharClass::identifier;  // any non-ASCII UTF-8 byte: part of a name
    classes['_'] = CharClass::identifier;
    for (int c = '0'; c <= '9'; ++c)
        classes[c] = CharClass::digit;
    for (char c : std::string_view("+-*/%&|^~<>=!@,;"))
        classes[static_cast<unsigned char>(c)] = CharClass::operator_char;
    classes['\n'] = CharClass::newline;
    classes['\''] = classes['"'] = CharClass::quote;
    classes['#'] = CharClass::hash;
    classes['\\'] = CharClass::backslash;
    classes['.'] = CharClass::dot;
    classes['('] = classes['['] = classes['{'] = CharClass::open_bracket;
    classes[')'] = classes[']'] = classes['}'] = CharClass::close_bracket;
    classes[':'] = CharClass::colon;
    return classes;
}

constexpr std::array<CharClass, 256> k_char_classes = make_char_classes();

CharClass class_of(char c) {
    return k_char_classes[static_cast<unsigned char>(c)];
}

bool is_identifier_char(char c) {
    CharClass kind = class_of(c);
    return kind == CharClass::identifier || kind == CharClass::digit;
}

bool is_decimal(char c) {
    return c >= '0' && c <= '9';
}
bool is_hexadecimal(char c) {
    return is_decimal(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}
bool is_octal(char c) {
    return c >= '0' && c <= '7';
}
bool is_binary(char c) {
    return c == '0' || c == '1';
}

/// Where a run of digits with single underscores between them ends; `bad`
/// when an underscore is not followed by a digit (the run then includes it).
template <class IsDigit>
const char* digit_run(const char* p, const char* end, IsDigit is_digit, bool& bad) {
    for (;;) {
        while (p < end && is_digit(*p))
            ++p;
        if (p == end || *p != '_')
            return p;
        if (p + 1 == end || !is_digit(p[1])) {
            bad = true;
            return p + 1;
        }
        p += 2;
    }
}

/// Longest operator at `p` (not brackets, ':' or '.').
size_t operator_length(const char* p, const char* end) {
    auto next_is = [&](size_t offset, char c) {
        return end - p > static_cast<ptrdiff_t>(offset) && p[offset] == c;
    };
    switch (*p) {
        case '*':
        case '/':
        case '<':
        case '>':
            if (next_is(1, *p))
                return next_is(2, '=') ? 3 : 2;  // ** // << >> and their augmented forms
            return next_is(1, '=') || (*p == '<' && next_is(1, '>')) ? 2 : 1;
        case '-':
            return next_is(1, '=') || next_is(1, '>') ? 2 : 1;
        case '~':
        case ',':
        case ';':
            return 1;
        default:  // + % & | ^ @ = !
            return next_is(1, '=') ? 2 : 1;
    }
}

/// After a number, the keywords that may follow without a space ("1if x else 2");
/// CPython looks at only two letters for "if", "in" and "is".
bool keyword_follows(const char* p, const char* end) {
    auto remaining = static_cast<size_t>(end - p);
    if (remaining >= 2 && p[0] == 'i' && (p[1] == 'f' || p[1] == 'n' || p[1] == 's'))
        return true;
    for (std::string_view word : {"and", "else", "for", "not", "or"})
        if (remaining >= word.size() && std::string_view(p, word.size()) == word)
            return remaining == word.size() || !is_identifier_char(p[word.size()]);
    return false;
}

/// Up to 8 bytes as one integer, first byte lowest: a keyword test is then
/// a length check and a switch over integers.
constexpr uint64_t pack(std::string_view word) {
    uint64_t value = 0;
    for (size_t i = 0; i < word.size(); ++i)
        value |= static_cast<uint64_t>(static_cast<uint8_t>(word[i])) << (8 * i);
    return value;
}

bool is_hard_keyword(std::string_view word) {
    if (word.size() < 2 || word.size() > 8)
        return false;
    switch (pack(word)) {
        case pack("False"):
        case pack("None"):
        case pack("True"):
        case pack("and"):
        case pack("as"):
        case pack("assert"):
        case pack("async"):
        case pack("await"):
        case pack("break"):
        case pack("class"):
        case pack("continue"):
        case pack("def"):
        case pack("del"):
        case pack("elif"):
        case pack("else"):
        case pack("except"):
        case pack("finally"):
        case pack("for"):
        case pack("from"):
        case pack("global"):
        case pack("if"):
        case pack("import"):
        case pack("in"):
        case pack("is"):
        case pack("lambda"):
        case pack("nonlocal"):
        case pack("not"):
        case pack("or"):
        case pack("pass"):
        case pack("raise"):
        case pack("return"):
        case pack("try"):
        case pack("while"):
        case pack("with"):
        case pack("yield"):
            return true;
        default:
            return false;
    }
}

bool closes(char open, char close) {
    return (open == '(' && close == ')') || (open == '[' && close == ']') || (open == '{' && close == '}');
}

}  // namespace

Lexer::Lexer(std::string_view source, Trivia trivia, LexResult& result)
    : m_begin(source.data()),
      m_end(source.data() + source.size()),
      m_pos(source.data()),
      m_line_start(source.data()),
      m_rescan_budget(source.size() + 4096),
      m_drop_trivia(trivia == Trivia::drop),
      m_result(result) {
    m_result.tokens.reserve(source.size() / 4 + 16);
}

void Lexer::error(uint32_t line, uint32_t col, std::string message) {
    if (m_result.errors.size() < k_max_errors)
        m_result.errors.push_back(SourceError{line, col, std::move(message)});
}

uint32_t Lexer::last_line() const {
    return m_line > 1 && m_line_start == m_end ? m_line - 1 : m_line;
}

bool Lexer::at_field_level() const {
    return !m_brackets.empty() && m_brackets.back().is_field &&
           m_brackets.size() > m_fstrings.back().bracket_base;
}

/// CPython refuses a file with a null byte anywhere; here it is said once,
/// and the lexer goes on (a null byte outside a literal is an error token).
void Lexer::report_null_bytes() {
    const void* found = m_begin == m_end ? nullptr : std::memchr(m_begin, '\0', m_end - m_begin);
    if (!found)
        return;
    const char* at = static_cast<const char*>(found);
    auto line = static_cast<uint32_t>(1 + std::count(m_begin, at, '\n'));
    const char* line_start = at;
    while (line_start > m_begin && line_start[-1] != '\n')
        --line_start;
    error(line, static_cast<uint32_t>(at - line_start), "source code cannot contain null bytes");
}

void Lexer::run() {
    report_null_bytes();
    for (;;) {
        if (!m_fstrings.empty() && !m_fstrings.back().in_expression) {
            fstring_middle();
            continue;
        }
        if (m_at_line_start)
            start_line();
        while (m_pos < m_end && class_of(*m_pos) == CharClass::whitespace)
            ++m_pos;
        if (m_pos == m_end) {
            end_of_input();
            return;
        }
        switch (class_of(*m_pos)) {
            case CharClass::identifier:
                name_or_string();
                break;
            case CharClass::operator_char:
                operator_token();
                break;
            case CharClass::open_bracket:
                open_bracket();
                break;
            case CharClass::close_bracket:
                close_bracket();
                break;
            case CharClass::newline:
                newline();
                break;
            case CharClass::digit:
                number();
                break;
            case CharClass::dot:
                dot();
                break;
            case CharClass::colon:
                colon();
                break;
            case CharClass::quote:
                string_literal(m_pos, m_pos, k_prefix_valid);
                break;
            case CharClass::hash:
                comment();
                break;
            case CharClass::backslash:
                continuation();
                break;
            case CharClass::whitespace:  // skipped above
            case CharClass::invalid:
                invalid_characters();
                break;
        }
    }
}

/// Indentation, for a line that starts outside brackets. Lines holding only
/// whitespace and comments change nothing, as in CPython.
void Lexer::start_line() {
    m_at_line_start = false;
    m_blank_line = false;
    if (!m_brackets.empty())
        return;
    uint32_t col = 0;
    uint32_t alternate_col = 0;
    uint32_t continued_col = 0;  // indentation split by backslashes: the first one decides
    const char* p = m_pos;
    for (; p < m_end; ++p) {
        char c = *p;
        if (c == ' ') {
            ++col;
            ++alternate_col;
        } else if (c == '\t') {
            col = (col / k_tab_size + 1) * k_tab_size;
            ++alternate_col;
        } else if (c == '\f') {
            col = alternate_col = 0;  // form feed resets the count, "for Emacs users"
        } else if (c == '\\' && p + 1 < m_end && p[1] == '\n') {
            if (continued_col == 0)
                continued_col = col;
            next_line(++p);
        } else if (c != '\r') {
            break;
        }
    }
    m_pos = p;
    if (p == m_end || *p == '#' || *p == '\n') {
        m_blank_line = true;
        return;
    }
    if (continued_col != 0)
        col = alternate_col = continued_col;
    indent_to(col, alternate_col, p);
}

void Lexer::indent_to(uint32_t col, uint32_t alternate_col, const char* first) {
    auto tab_error = [&] {
        error(m_line, col_of(first), "inconsistent use of tabs and spaces in indentation");
    };
    if (col == m_indents.back()) {
        if (alternate_col != m_alternate_indents.back())
            tab_error();
        return;
    }
    if (col > m_indents.back()) {
        if (alternate_col <= m_alternate_indents.back())
            tab_error();
        m_indents.push_back(col);
        m_alternate_indents.push_back(alternate_col);
        emit(TokenKind::indent, m_line_start, m_line, 0, first);
        return;
    }
    while (m_indents.size() > 1 && col < m_indents.back()) {
        m_indents.pop_back();
        m_alternate_indents.pop_back();
        emit(TokenKind::dedent, first, first);
    }
    if (col != m_indents.back())
        error(m_line, col_of(first), "unindent does not match any outer indentation level");
    else if (alternate_col != m_alternate_indents.back())
        tab_error();
}

void Lexer::newline() {
    const char* at = m_pos;
    bool logical = !m_blank_line && m_brackets.empty();
    emit(logical ? TokenKind::newline : TokenKind::nl, at, at + 1);
    next_line(at);
    m_pos = at + 1;
    m_at_line_start = true;
}

void Lexer::comment() {
    const char* start = m_pos;
    const void* newline_at = std::memchr(start, '\n', m_end - start);
    const char* end = newline_at ? static_cast<const char*>(newline_at) : m_end;
    if (end[-1] == '\r')
        --end;
    emit(TokenKind::comment, start, end);
    m_pos = end;
}

void Lexer::continuation() {
    const char* at = m_pos;
    const char* after = at + 1;
    if (after < m_end && *after == '\r' && after + 1 < m_end && after[1] == '\n')
        ++after;
    if (after < m_end && *after == '\n') {
        next_line(after);
        m_pos = after + 1;
        if (m_pos == m_end)
            error(m_line, 0, "unexpected EOF while parsing");
        return;
    }
    error(m_line, col_of(at),
          after == m_end ? "unexpected EOF while parsing"
                         : "unexpected character after line continuation character");
    emit(TokenKind::error, at, at + 1);
    m_pos = at + 1;
}

/// The implicit newline of a last line without one (empty text, as in
/// tokenize), errors for what is still open, DEDENTs, ENDMARKER.
void Lexer::end_of_input() {
    TokenKind line_end = m_blank_line || !m_brackets.empty() ? TokenKind::nl : TokenKind::newline;
    std::vector<Token>& tokens = m_result.tokens;
    if (m_line_start < m_end) {
        uint32_t col = col_of(m_end);
        push(Token{line_end, false, m_line, col, m_line, col + 1, std::string_view(m_end, m_end)});
        ++m_line;
        m_line_start = m_end;
    } else if (!tokens.empty() && tokens.back().kind != TokenKind::newline &&
               tokens.back().kind != TokenKind::nl) {
        // the file ended inside a construct that swallowed the last line break
        const Token last = tokens.back();
        push(Token{line_end, false, last.end_line, last.end_col, last.end_line, last.end_col + 1,
                   std::string_view(last.text.end(), last.text.end())});
    }
    if (!m_brackets.empty()) {  // a replacement field's '{' too, as CPython reports it
        const OpenBracket& open = m_brackets.back();
        error(open.line, open.col, fmt::format("'{}' was never closed", open.symbol));
    } else if (!m_fstrings.empty()) {
        const OpenFString& open = m_fstrings.back();
        error(open.line, open.col, unterminated_fstring_message(open, last_line()));
    }
    m_fstrings.clear();
    m_brackets.clear();
    for (size_t level = 1; level < m_indents.size(); ++level)
        emit(TokenKind::dedent, m_end, m_end);
    emit(TokenKind::endmarker, m_end, m_end);
}

void Lexer::name_or_string() {
    const char* start = m_pos;
    const char* p = start + 1;
    while (p < m_end && is_identifier_char(*p))
        ++p;
    if (p < m_end && (*p == '\'' || *p == '"') && p - start <= 2) {
        if (unsigned flags = string_prefix_flags(std::string_view(start, p - start))) {
            string_literal(start, p, flags);
            return;
        }
    }
    emit(TokenKind::name, start, p);
    m_result.tokens.back().keyword = is_hard_keyword(std::string_view(start, p - start));
    m_pos = p;
}

/// Numbers as CPython's tokenizer reads them. A malformed one is an error
/// token; one running into a name ("1abc") stays a number, with an error.
void Lexer::number() {
    const char* start = m_pos;
    const char* p = start;
    bool bad = false;
    auto invalid = [&](const char* until, std::string message) {
        error(m_line, col_of(start), std::move(message));
        emit(TokenKind::error, start, until);
        m_pos = until;
    };
    auto finish = [&](const char* end, const char* kind) {
        if (end < m_end && static_cast<unsigned char>(*end) < 0x80 && is_identifier_char(*end) &&
            !keyword_follows(end, m_end))
            error(m_line, col_of(start), fmt::format("invalid {} literal", kind));
        emit(TokenKind::number, start, end);
        m_pos = end;
    };
    char radix = p + 1 < m_end ? static_cast<char>(p[1] | 0x20) : '\0';
    if (*p == '0' && (radix == 'x' || radix == 'o' || radix == 'b')) {
        const char* kind = radix == 'x' ? "hexadecimal" : radix == 'o' ? "octal" : "binary";
        bool (*is_digit)(char) = radix == 'x' ? is_hexadecimal : radix == 'o' ? is_octal : is_binary;
        p += 2;
        if (p < m_end && *p == '_')
            ++p;
        if (p < m_end && is_decimal(*p) && !is_digit(*p))
            return invalid(p + 1, fmt::format("invalid digit '{}' in {} literal", *p, kind));
        if (p == m_end || !is_digit(*p))
            return invalid(p, fmt::format("invalid {} literal", kind));
        p = digit_run(p, m_end, is_digit, bad);
        if (bad)
            return invalid(p, fmt::format("invalid {} literal", kind));
        if (p < m_end && is_decimal(*p))
            return invalid(p + 1, fmt::format("invalid digit '{}' in {} literal", *p, kind));
        return finish(p, kind);
    }
    bool fraction_or_exponent = false;
    if (*p != '.') {
        p = digit_run(p, m_end, is_decimal, bad);
        if (bad)
            return invalid(p, "invalid decimal literal");
    }
    const char* integer_end = p;
    if (p < m_end && *p == '.') {
        fraction_or_exponent = true;
        ++p;
        if (p < m_end && is_decimal(*p)) {
            p = digit_run(p, m_end, is_decimal, bad);
            if (bad)
                return invalid(p, "invalid decimal literal");
        }
    }
    if (p < m_end && (*p | 0x20) == 'e') {
        const char* q = p + 1;
        bool sign = q < m_end && (*q == '+' || *q == '-');
        if (sign)
            ++q;
        if (!(q < m_end && is_decimal(*q))) {
            if (sign)
                return invalid(q, "invalid decimal literal");
            return finish(p, "decimal");  // "1else" is 1 and a keyword, as in CPython
        }
        fraction_or_exponent = true;
        p = digit_run(q, m_end, is_decimal, bad);
        if (bad)
            return invalid(p, "invalid decimal literal");
    }
    if (p < m_end && (*p | 0x20) == 'j')
        return finish(p + 1, "imaginary");
    if (*start == '0' && !fraction_or_exponent &&
        std::find_if(start, integer_end, [](char c) { return c >= '1' && c <= '9'; }) != integer_end)
        error(m_line, col_of(start),
              "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal "
              "integers");
    finish(p, "decimal");
}

void Lexer::dot() {
    const char* at = m_pos;
    if (at + 1 < m_end && is_decimal(at[1]))
        return number();
    size_t length = m_end - at >= 3 && at[1] == '.' && at[2] == '.' ? 3 : 1;
    emit(TokenKind::op, at, at + length);
    m_pos = at + length;
}

void Lexer::open_bracket() {
    const char* at = m_pos;
    m_brackets.push_back(OpenBracket{*at, false, m_line, col_of(at)});
    emit(TokenKind::op, at, at + 1);
    m_pos = at + 1;
}

void Lexer::close_bracket() {
    const char* at = m_pos;
    const char symbol = *at;
    m_pos = at + 1;
    if (m_brackets.empty()) {
        error(m_line, col_of(at), fmt::format("unmatched '{}'", symbol));
        emit(TokenKind::error, at, at + 1);
        return;
    }
    const OpenBracket open = m_brackets.back();
    if (closes(open.symbol, symbol)) {
        m_brackets.pop_back();
        emit(TokenKind::op, at, at + 1);
        if (open.is_field)
            m_fstrings.back().in_expression =
                false;  // back to the literal text (or the enclosing format spec)
        return;
    }
    emit(TokenKind::error, at, at + 1);
    if (open.is_field) {
        error(m_line, col_of(at), fmt::format("f-string: unmatched '{}'", symbol));
        return;
    }
    m_brackets.pop_back();
    std::string message =
        fmt::format("closing parenthesis '{}' does not match opening parenthesis '{}'", symbol, open.symbol);
    if (open.line != m_line)
        message += fmt::format(" on line {}", open.line);
    error(m_line, col_of(at), std::move(message));
}

void Lexer::colon() {
    const char* at = m_pos;
    if (in_fstring_expression() && at_field_level()) {
        emit(TokenKind::op, at, at + 1);  // a format spec follows, even before '=' ("{x:=5}")
        m_pos = at + 1;
        m_fstrings.back().in_expression = false;
        return;
    }
    size_t length = at + 1 < m_end && at[1] == '=' ? 2 : 1;
    emit(TokenKind::op, at, at + length);
    m_pos = at + length;
}

void Lexer::operator_token() {
    const char* at = m_pos;
    size_t length = operator_length(at, m_end);
    emit(TokenKind::op, at, at + length);
    m_pos = at + length;
}

/// A run of bytes that start no token: one error token and one message.
void Lexer::invalid_characters() {
    const char* start = m_pos;
    const char* p = start + 1;
    while (p < m_end && class_of(*p) == CharClass::invalid)
        ++p;
    auto first = static_cast<unsigned char>(*start);
    if (first > 0x20 && first < 0x7f)
        error(m_line, col_of(start), fmt::format("invalid character '{}' (U+{:04X})", *start, first));
    else if (first != 0)  // null bytes were reported once, before lexing
        error(m_line, col_of(start), fmt::format("invalid non-printable character U+{:04X}", first));
    emit(TokenKind::error, start, p);
    m_pos = p;
}

}  // namespace detail

void tokenize_into(std::string_view source, Trivia trivia, LexResult& result) {
    result.tokens.clear();
    result.errors.clear();
    detail::Lexer(source, trivia, result).run();
}

LexResult tokenize(std::string_view source, Trivia trivia) {
    LexResult result;
    tokenize_into(source, trivia, result);
    return result;
}

}  // namespace lmms::python

// String literals for the lexer: plain strings as one token, f-strings and
// t-strings split as CPython 3.12+ does (start, literal middles, the
// replacement fields tokenized in between, end).

#include <array>

#include <fmt/format.h>

#include "python/lexer_impl.hpp"

namespace lmms::python::detail {

namespace {

constexpr std::array<bool, 256> make_stops(std::string_view characters) {
    std::array<bool, 256> stops{};
    for (char c : characters)
        stops[static_cast<unsigned char>(c)] = true;
    return stops;
}

/// Bytes a string body can't skip over without a look.
constexpr std::array<bool, 256> k_string_stops = make_stops("'\"\\\n");
constexpr std::array<bool, 256> k_fstring_stops = make_stops("'\"\\\n{}");

bool stops_at(const std::array<bool, 256>& stops, char c) {
    return stops[static_cast<unsigned char>(c)];
}

}  // namespace

unsigned string_prefix_flags(std::string_view prefix) {
    unsigned flags = k_prefix_valid;
    for (char c : prefix) {
        unsigned flag = 0;
        switch (c | 0x20) {
            case 'r':
                flag = k_prefix_raw;
                break;
            case 'b':
                flag = k_prefix_bytes;
                break;
            case 'f':
                flag = k_prefix_format;
                break;
            case 't':
                flag = k_prefix_template;
                break;
            case 'u':
                flag = k_prefix_unicode;
                break;
            default:
                return 0;
        }
        if (flags & flag)
            return 0;
        flags |= flag;
    }
    // 'u' stands alone; 'r' combines with one of 'b', 'f', 't'
    if ((flags & k_prefix_unicode) && prefix.size() > 1)
        return 0;
    if (prefix.size() == 2 && !(flags & k_prefix_raw))
        return 0;
    return flags;
}

std::string unterminated_fstring_message(const OpenFString& string, uint32_t detected_line) {
    return fmt::format("unterminated {}{}-string literal (detected at line {})",
                       string.quote_size == 3 ? "triple-quoted " : "", string.template_string ? 't' : 'f',
                       detected_line);
}

/// `quote` is the first quote character; `prefix` is `quote` when there is none.
void Lexer::string_literal(const char* prefix, const char* quote, unsigned prefix_flags) {
    const char q = *quote;
    const uint8_t quote_size = m_end - quote >= 3 && quote[1] == q && quote[2] == q ? 3 : 1;
    if (!(prefix_flags & (k_prefix_format | k_prefix_template)))
        return plain_string(prefix, quote, quote_size);
    const char* body = quote + quote_size;
    emit(TokenKind::fstring_start, prefix, body);
    m_fstrings.push_back(OpenFString{m_line, col_of(prefix), m_brackets.size(), q, quote_size,
                                     (prefix_flags & k_prefix_raw) != 0,
                                     (prefix_flags & k_prefix_template) != 0, false});
    m_pos = body;
}

/// A backslash keeps the next character from ending the string, raw or not
/// (as CPython's tokenizer does: r"\"" is one string).
void Lexer::plain_string(const char* prefix, const char* quote, uint8_t quote_size) {
    const uint32_t line = m_line;
    const uint32_t col = col_of(prefix);
    const char* line_start = m_line_start;
    const char q = *quote;
    const char* p = quote + quote_size;
    for (;;) {
        while (p < m_end && !stops_at(k_string_stops, *p))
            ++p;
        if (p == m_end)
            break;
        const char c = *p;
        if (c == q && (quote_size == 1 || (m_end - p >= 3 && p[1] == q && p[2] == q))) {
            p += quote_size;
            emit(TokenKind::string, prefix, line, col, p);
            m_pos = p;
            return;
        }
        if (c == '\\') {
            if (++p == m_end)
                break;
            if (*p == '\n')
                next_line(p);
        } else if (c == '\n') {
            if (quote_size == 1)
                break;
            next_line(p);
        }
        ++p;
    }
    if (prefix == quote && recover_fstring_end(quote, quote_size, p, line, line_start))
        return;
    uint32_t detected = p == m_end ? last_line() : m_line;
    error(line, col,
          quote_size == 3
              ? fmt::format("unterminated triple-quoted string literal (detected at line {})", detected)
              : fmt::format("unterminated string literal (detected at line {})", detected));
    emit(TokenKind::error, prefix, line, col, p);
    m_pos = p;
}

/// In a replacement field, an unterminated string opened by the f-string's own
/// quote is most likely its end with the '}' missing (f"{x"): CPython says
/// "expecting '}'", and going on from the quote keeps the rest of the line.
bool Lexer::recover_fstring_end(const char* quote, uint8_t quote_size, const char* scanned_to, uint32_t line,
                                const char* line_start) {
    if (!in_fstring_expression())
        return false;
    const OpenFString& open = m_fstrings.back();
    auto scanned = static_cast<size_t>(scanned_to - quote);
    if (open.quote != *quote || open.quote_size != quote_size || scanned > m_rescan_budget)
        return false;
    m_rescan_budget -= scanned;
    m_line = line;
    m_line_start = line_start;
    error(m_line, col_of(quote), "f-string: expecting '}'");
    close_brackets_down_to(open.bracket_base);
    emit(TokenKind::fstring_end, quote, quote + quote_size);
    m_fstrings.pop_back();
    m_pos = quote + quote_size;
    return true;
}

/// Literal text of the innermost f-string, up to its end, a replacement
/// field, or the end of the current format spec. "{{" and "}}" stand for
/// one brace: the middle ends after the first, the second is skipped (the
/// text is then the value, as tokenize reports it).
void Lexer::fstring_middle() {
    OpenFString& open = m_fstrings.back();
    const bool in_format_spec = m_brackets.size() > open.bracket_base;
    const char* start = m_pos;
    uint32_t line = m_line;
    uint32_t col = col_of(start);
    auto flush = [&](const char* end) {
        if (end > start)
            emit(TokenKind::fstring_middle, start, line, col, end);
    };
    auto restart = [&](const char* at) {
        start = at;
        line = m_line;
        col = col_of(at);
    };
    bool named_escape = false;  // inside \N{...}, whose '}' closes no field
    const char* p = start;
    for (;;) {
        while (p < m_end && !stops_at(k_fstring_stops, *p))
            ++p;
        if (p == m_end)
            return unterminated_fstring(start, line, col, p);
        const char c = *p;
        if (c == open.quote) {
            if (open.quote_size == 3 && !(m_end - p >= 3 && p[1] == c && p[2] == c)) {
                ++p;
                continue;
            }
            flush(p);
            if (in_format_spec) {
                error(m_line, col_of(p), "f-string: expecting '}'");
                close_brackets_down_to(open.bracket_base);
            }
            const char* end = p + open.quote_size;
            emit(TokenKind::fstring_end, p, end);
            m_fstrings.pop_back();
            m_pos = end;
            return;
        }
        switch (c) {
            case '\n':
                if (open.quote_size == 3) {
                    next_line(p++);
                    break;
                }
                if (!in_format_spec)
                    return unterminated_fstring(start, line, col, p);
                flush(p);  // a line break ends a format spec; the field goes on
                open.in_expression = true;
                m_pos = p;
                return;
            case '\\':
                if (++p == m_end || *p == '{' || *p == '}')
                    break;  // "\{" is a backslash, then a field
                if (*p == '\n') {
                    next_line(p);
                } else if (!open.raw && *p == 'N' && m_end - p >= 2 && p[1] == '{') {
                    named_escape = true;
                    ++p;
                }
                ++p;
                break;
            case '{':
                if (!in_format_spec && m_end - p >= 2 && p[1] == '{') {
                    flush(p + 1);
                    p += 2;
                    restart(p);
                    break;
                }
                flush(p);
                emit(TokenKind::op, p, p + 1);
                m_brackets.push_back(OpenBracket{'{', true, m_line, col_of(p)});
                open.in_expression = true;
                m_pos = p + 1;
                return;
            case '}':
                if (named_escape) {
                    named_escape = false;
                    flush(++p);
                    restart(p);
                    break;
                }
                if (in_format_spec) {
                    flush(p);  // the '}' closes the field, in the expression mode
                    open.in_expression = true;
                    m_pos = p;
                    return;
                }
                if (m_end - p >= 2 && p[1] == '}') {
                    flush(p + 1);
                    p += 2;
                    restart(p);
                    break;
                }
                flush(p);
                error(m_line, col_of(p),
                      fmt::format("{}-string: single '}}' is not allowed", open.template_string ? 't' : 'f'));
                emit(TokenKind::error, p, p + 1);
                restart(++p);
                break;
            default:  // the other quote character
                ++p;
                break;
        }
    }
}

/// The literal text from `middle` to `end` becomes an error token; the string
/// and any fields it opened are closed.
void Lexer::unterminated_fstring(const char* middle, uint32_t line, uint32_t col, const char* end) {
    const OpenFString open = m_fstrings.back();
    error(open.line, open.col, unterminated_fstring_message(open, end == m_end ? last_line() : m_line));
    emit(TokenKind::error, middle, line, col, end);
    close_brackets_down_to(open.bracket_base);
    m_fstrings.pop_back();
    m_pos = end;
}

}  // namespace lmms::python::detail

#pragma once
// Helpers for the lexer tests: tokens as short strings, positions as
// `python -m tokenize` prints them, and the invariant every token keeps.

#include <algorithm>
#include <chrono>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "python/token.hpp"

namespace lmms::python::testing {

inline std::string_view kind_name(TokenKind kind) {
    switch (kind) {
        case TokenKind::name:
            return "name";
        case TokenKind::number:
            return "number";
        case TokenKind::string:
            return "string";
        case TokenKind::fstring_start:
            return "fstring_start";
        case TokenKind::fstring_middle:
            return "fstring_middle";
        case TokenKind::fstring_end:
            return "fstring_end";
        case TokenKind::op:
            return "op";
        case TokenKind::newline:
            return "newline";
        case TokenKind::nl:
            return "nl";
        case TokenKind::comment:
            return "comment";
        case TokenKind::indent:
            return "indent";
        case TokenKind::dedent:
            return "dedent";
        case TokenKind::endmarker:
            return "endmarker";
        case TokenKind::error:
            return "error";
    }
    return "?";
}

inline std::string escaped(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else
            out += c;
    }
    return out;
}

/// "name:x op:= number:1 newline endmarker": line structure tokens by kind
/// only (their text is implied), the others as kind:text.
inline std::string summary(const std::vector<Token>& tokens) {
    std::string out;
    for (const Token& token : tokens) {
        if (!out.empty())
            out += ' ';
        out += kind_name(token.kind);
        bool layout = token.kind == TokenKind::newline || token.kind == TokenKind::nl ||
                      token.kind == TokenKind::indent || token.kind == TokenKind::dedent ||
                      token.kind == TokenKind::endmarker;
        if (!layout)
            out.append(":").append(escaped(token.text));
    }
    return out;
}

/// Tokenizes within `limit`, checking the invariants (below).
inline LexResult tokenize_checked(std::string_view source, std::chrono::seconds limit = std::chrono::seconds(20));

inline std::string summary(std::string_view source) {
    return summary(tokenize_checked(source).tokens);
}

/// One line per token, as `python -m tokenize` prints them (columns in bytes).
inline std::vector<std::string> positions(std::string_view source) {
    std::vector<std::string> lines;
    for (const Token& token : tokenize_checked(source).tokens)
        lines.push_back(fmt::format("{},{}-{},{}: {} '{}'", token.line, token.col, token.end_line,
                                    token.end_col, kind_name(token.kind), escaped(token.text)));
    return lines;
}

inline std::string errors_of(std::string_view source) {
    std::string out;
    for (const SourceError& error : tokenize_checked(source).errors)
        out += fmt::format("{}{}:{} {}", out.empty() ? "" : "; ", error.line, error.col, error.message);
    return out;
}

/// Every token's text is the slice of `source` its start position names, its
/// end position names the end of that slice (the implicit newline, empty but
/// one column wide, excepted), tokens come in order, and the last is the
/// endmarker.
inline void expect_invariants(std::string_view source, const LexResult& result) {
    std::vector<size_t> line_starts{0};
    for (size_t at = 0; at < source.size(); ++at)
        if (source[at] == '\n')
            line_starts.push_back(at + 1);
    auto offset = [&](uint32_t line, uint32_t col) -> size_t {
        size_t start = line - 1 < line_starts.size() ? line_starts[line - 1] : source.size();
        return start + col;
    };
    ASSERT_FALSE(result.tokens.empty());
    EXPECT_EQ(result.tokens.back().kind, TokenKind::endmarker);
    size_t previous = 0;
    for (const Token& token : result.tokens) {
        size_t begin = static_cast<size_t>(token.text.data() - source.data());
        ASSERT_LE(begin + token.text.size(), source.size()) << kind_name(token.kind);
        ASSERT_EQ(offset(token.line, token.col), begin) << kind_name(token.kind) << " at " << token.line;
        bool implicit_newline =
            token.text.empty() && (token.kind == TokenKind::newline || token.kind == TokenKind::nl);
        if (!implicit_newline) {
            ASSERT_EQ(offset(token.end_line, token.end_col), begin + token.text.size())
                << kind_name(token.kind) << " at " << token.line;
        }
        ASSERT_GE(begin, previous);
        previous = begin;
    }
}

/// Tokenizes and checks the invariants, in bounded time.
inline LexResult tokenize_checked(std::string_view source, std::chrono::seconds limit) {
    auto start = std::chrono::steady_clock::now();
    LexResult result = tokenize(source);
    EXPECT_LT(std::chrono::steady_clock::now() - start, limit);
    expect_invariants(source, result);
    // Dropping comments and NL while lexing, as the scanner does, must leave
    // exactly the other tokens and the same errors.
    LexResult dropped = tokenize(source, Trivia::drop);
    std::vector<Token> filtered;
    std::copy_if(result.tokens.begin(), result.tokens.end(), std::back_inserter(filtered), [](const Token& token) {
        return token.kind != TokenKind::comment && token.kind != TokenKind::nl;
    });
    auto described = [](const std::vector<Token>& tokens) {
        std::string text;
        for (const Token& token : tokens)
            text += fmt::format("{} {}:{}-{}:{} {}{}\n", kind_name(token.kind), token.line, token.col, token.end_line,
                                token.end_col, escaped(token.text), token.keyword ? " (keyword)" : "");
        return text;
    };
    EXPECT_EQ(described(dropped.tokens), described(filtered)) << "with Trivia::drop";
    EXPECT_EQ(dropped.errors.size(), result.errors.size()) << "with Trivia::drop";
    return result;
}

}  // namespace lmms::python::testing

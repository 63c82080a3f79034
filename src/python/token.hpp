#pragma once
/// Tokens of Python source, as CPython 3.12+'s tokenizer produces them
/// (f-strings and t-strings split into start / middle / end with the
/// replacement-field expressions tokenized in between). Positions are 1-based
/// lines and 0-based UTF-8 byte columns, as `ast` reports them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lmms::python {

enum class TokenKind : uint8_t {
    name,  ///< identifiers and keywords, soft keywords included
    number,
    string,          ///< a whole non-f string literal, prefix and quotes included
    fstring_start,   ///< f"  rf'''  t"  ...: prefix and opening quote
    fstring_middle,  ///< literal text inside an f-string (may be empty-free: never emitted empty)
    fstring_end,     ///< the closing quote
    op,              ///< operators and delimiters, including ':' '!' '=' inside replacement fields
    newline,         ///< end of a logical line
    nl,              ///< a line break that does not end a logical line (blank line, inside brackets)
    comment,
    indent,
    dedent,
    endmarker,
    error,  ///< a character or construct that is not Python; the lexer goes on after it
};

struct Token {
    TokenKind kind;
    bool keyword = false;  ///< a name that is a hard keyword (`if`, `None`, ...), never an identifier
    uint32_t line;
    uint32_t col;
    uint32_t end_line;
    uint32_t end_col;
    std::string_view text;  ///< view into the SourceText the tokens came from
};

struct SourceError {
    uint32_t line = 0;
    uint32_t col = 0;
    std::string message;
};

/// Source decoded to UTF-8 with '\n' line endings: BOM removed, PEP 263
/// coding declaration applied (utf-8, latin-1/iso-8859-1, ascii, cp1252 and
/// whatever iconv knows), CRLF and lone CR turned into '\n'. Invalid bytes
/// are an error (positions of the first one), and the text is still usable.
struct SourceText {
    std::string text;
    std::string encoding;  ///< as declared or "utf-8"
    std::vector<SourceError> errors;
};

SourceText decode_source(std::string bytes);

struct LexResult {
    std::vector<Token> tokens;  ///< always ends with endmarker
    std::vector<SourceError> errors;
};

/// Whether comments and NL tokens (line breaks that end no logical line)
/// are kept: tools that print tokens want them, the parser does not.
enum class Trivia : uint8_t { keep, drop };

/// Tokenizes `source` (which must outlive the tokens). Never throws, never
/// loops forever; on bad input it records errors and keeps going.
LexResult tokenize(std::string_view source, Trivia trivia = Trivia::keep);

/// The same into `result`, whose memory is reused: scanning many files on
/// one thread allocates once.
void tokenize_into(std::string_view source, Trivia trivia, LexResult& result);

}  // namespace lmms::python

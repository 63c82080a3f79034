// String literals, f-strings and t-strings. Expected positions are what
// CPython 3.12+'s `python3 -m tokenize` prints, most of them taken from its
// Lib/test/test_tokenize.py; t-strings (3.14) split exactly as f-strings.

#include <string>

#include "lexer_fixture.hpp"
#include "python/token.hpp"

namespace lmms::python {

using testing::errors_of;
using testing::positions;
using testing::summary;
using testing::tokenize_checked;
using Lines = std::vector<std::string>;

// plain strings

TEST(Lexer, EveryStringPrefixAndQuote) {
    for (std::string prefix :
         {"", "r", "u", "R", "U", "b", "B", "br", "rb", "bR", "Rb", "BR", "RB", "Br", "rB"}) {
        for (std::string quote : {"'", "\"", "'''", "\"\"\""}) {
            std::string literal = prefix + quote + "a b" + quote;
            EXPECT_EQ(summary(literal), "string:" + literal + " newline endmarker");
        }
    }
}

TEST(Lexer, WhatIsNotAPrefixIsAName) {
    EXPECT_EQ(
        summary("ur'x' bu'x' fb'x' rr'x' bt'x' abc'x'"),
        "name:ur string:'x' name:bu string:'x' name:fb string:'x' name:rr string:'x' name:bt string:'x' "
        "name:abc string:'x' newline endmarker");
}

TEST(Lexer, QuotesInsideStrings) {
    EXPECT_EQ(positions("x = \"doesn't \"shrink\", does it\""),
              (Lines{"1,0-1,1: name 'x'", "1,2-1,3: op '='", "1,4-1,14: string '\"doesn't \"'",
                     "1,14-1,20: name 'shrink'", "1,20-1,31: string '\", does it\"'", "1,31-1,32: newline ''",
                     "2,0-2,0: endmarker ''"}));
    EXPECT_EQ(summary("'\"' \"'\" '''a'b''c''' \"\"\"a\"\"b\"\"\""),
              "string:'\"' string:\"'\" string:'''a'b''c''' string:\"\"\"a\"\"b\"\"\" newline endmarker");
}

TEST(Lexer, EmptyStrings) {
    EXPECT_EQ(summary("'' \"\" '''''' \"\"\"\"\"\" b''"),
              "string:'' string:\"\" string:'''''' string:\"\"\"\"\"\" string:b'' newline endmarker");
}

TEST(Lexer, BackslashQuoteDoesNotEndAString) {
    EXPECT_EQ(summary(R"('a\'b' "a\"b" '\\' '''\'''')"),
              R"(string:'a\'b' string:"a\"b" string:'\\' string:'''\'''' newline endmarker)");
}

TEST(Lexer, BackslashQuoteDoesNotEndARawStringEither) {
    EXPECT_EQ(summary(R"(r'\'' r"\"" rb'\\' r'\\')"),
              R"(string:r'\'' string:r"\"" string:rb'\\' string:r'\\' newline endmarker)");
}

TEST(Lexer, LineContinuationInsideAString) {
    EXPECT_EQ(positions("\"a\\\nde\\\nfg\"")[0], "1,0-3,3: string '\"a\\\\nde\\\\nfg\"'");
    EXPECT_EQ(positions("rb\"a\\\nd\"")[0], "1,0-2,2: string 'rb\"a\\\\nd\"'");
}

TEST(Lexer, TripleQuotedStringSpansLines) {
    EXPECT_EQ(positions("x = '''a\nb\n'''  # c\ny"),
              (Lines{"1,0-1,1: name 'x'", "1,2-1,3: op '='", "1,4-3,3: string ''''a\\nb\\n''''",
                     "3,5-3,8: comment '# c'", "3,8-3,9: newline '\\n'", "4,0-4,1: name 'y'",
                     "4,1-4,2: newline ''", "5,0-5,0: endmarker ''"}));
}

TEST(Lexer, DocstringWithNonAsciiTextHasByteColumns) {
    EXPECT_EQ(positions("    '''tą\n    é'''\n")[1], "1,4-2,9: string ''''tą\\n    é''''");
}

TEST(Lexer, UnterminatedStringErrorsAtItsStartAndStopsAtTheLineEnd) {
    std::string source = "x = 'abc\ny = 1\n";
    EXPECT_EQ(errors_of(source), "1:4 unterminated string literal (detected at line 1)");
    EXPECT_EQ(summary(source), "name:x op:= error:'abc newline name:y op:= number:1 newline endmarker");
}

TEST(Lexer, UnterminatedTripleQuotedStringTakesTheRestOfTheFile) {
    std::string source = "x = 1\ny = '''abc\nz = 2\n";
    EXPECT_EQ(errors_of(source), "2:4 unterminated triple-quoted string literal (detected at line 3)");
    EXPECT_EQ(summary(source),
              "name:x op:= number:1 newline name:y op:= error:'''abc\\nz = 2\\n newline endmarker");
    EXPECT_EQ(errors_of("'''abc\nd"), "1:0 unterminated triple-quoted string literal (detected at line 2)");
    tokenize_checked(source);
}

// f-strings

TEST(Lexer, FStringWithoutFields) {
    EXPECT_EQ(positions("f\"abc\""),
              (Lines{"1,0-1,2: fstring_start 'f\"'", "1,2-1,5: fstring_middle 'abc'",
                     "1,5-1,6: fstring_end '\"'", "1,6-1,7: newline ''", "2,0-2,0: endmarker ''"}));
    EXPECT_EQ(summary("f''"), "fstring_start:f' fstring_end:' newline endmarker");
}

TEST(Lexer, FStringWithAField) {
    EXPECT_EQ(positions("fR\"a{b}c\""),
              (Lines{"1,0-1,3: fstring_start 'fR\"'", "1,3-1,4: fstring_middle 'a'", "1,4-1,5: op '{'",
                     "1,5-1,6: name 'b'", "1,6-1,7: op '}'", "1,7-1,8: fstring_middle 'c'",
                     "1,8-1,9: fstring_end '\"'", "1,9-1,10: newline ''", "2,0-2,0: endmarker ''"}));
}

TEST(Lexer, EveryFStringPrefix) {
    for (std::string prefix : {"f", "F", "fr", "Fr", "fR", "FR", "rf", "rF", "Rf", "RF"})
        EXPECT_EQ(summary(prefix + "'{x}'"),
                  "fstring_start:" + prefix + "' op:{ name:x op:} fstring_end:' newline endmarker");
}

TEST(Lexer, DoubledBracesAreLiteral) {
    // The middle ends after the first brace; the second is skipped.
    EXPECT_EQ(positions("fR\"a{{{b!r}}}c\""),
              (Lines{"1,0-1,3: fstring_start 'fR\"'", "1,3-1,5: fstring_middle 'a{'", "1,6-1,7: op '{'",
                     "1,7-1,8: name 'b'", "1,8-1,9: op '!'", "1,9-1,10: name 'r'", "1,10-1,11: op '}'",
                     "1,11-1,12: fstring_middle '}'", "1,13-1,14: fstring_middle 'c'",
                     "1,14-1,15: fstring_end '\"'", "1,15-1,16: newline ''", "2,0-2,0: endmarker ''"}));
    EXPECT_EQ(positions("f\"{{{1+1}}}\"")[1], "1,2-1,3: fstring_middle '{'");
    EXPECT_EQ(summary("f'{{}}'"),
              "fstring_start:f' fstring_middle:{ fstring_middle:} fstring_end:' newline endmarker");
}

TEST(Lexer, NestedFStringsReuseTheSameQuotes) {
    EXPECT_EQ(summary("f\"{f\"{f\"{x}\"}\"}\""),
              "fstring_start:f\" op:{ fstring_start:f\" op:{ fstring_start:f\" op:{ name:x op:} "
              "fstring_end:\" op:} "
              "fstring_end:\" op:} fstring_end:\" newline endmarker");
}

TEST(Lexer, NestedFStringsWithEveryQuote) {
    Lines expected{"1,0-1,4: fstring_start 'f\"\"\"'",
                   "1,4-1,5: op '{'",
                   "1,5-1,9: fstring_start 'f''''",
                   "1,9-1,10: op '{'",
                   "1,10-1,12: fstring_start 'f''",
                   "1,12-1,13: op '{'",
                   "1,13-1,15: fstring_start 'f\"'",
                   "1,15-1,16: op '{'",
                   "1,16-1,17: number '1'",
                   "1,17-1,18: op '+'",
                   "1,18-1,19: number '1'",
                   "1,19-1,20: op '}'",
                   "1,20-1,21: fstring_end '\"'",
                   "1,21-1,22: op '}'",
                   "1,22-1,23: fstring_end '''",
                   "1,23-1,24: op '}'",
                   "1,24-1,27: fstring_end '''''",
                   "1,27-1,28: op '}'",
                   "1,28-1,31: fstring_end '\"\"\"'",
                   "1,31-1,32: newline ''",
                   "2,0-2,0: endmarker ''"};
    EXPECT_EQ(positions("f\"\"\"{f'''{f'{f\"{1+1}\"}'}'''}\"\"\""), expected);
}

TEST(Lexer, FormatSpecAndDebugEquals) {
    EXPECT_EQ(positions("f'some words {a+b:.3f} more words {c+d=} final words'"),
              (Lines{"1,0-1,2: fstring_start 'f''",
                     "1,2-1,13: fstring_middle 'some words '",
                     "1,13-1,14: op '{'",
                     "1,14-1,15: name 'a'",
                     "1,15-1,16: op '+'",
                     "1,16-1,17: name 'b'",
                     "1,17-1,18: op ':'",
                     "1,18-1,21: fstring_middle '.3f'",
                     "1,21-1,22: op '}'",
                     "1,22-1,34: fstring_middle ' more words '",
                     "1,34-1,35: op '{'",
                     "1,35-1,36: name 'c'",
                     "1,36-1,37: op '+'",
                     "1,37-1,38: name 'd'",
                     "1,38-1,39: op '='",
                     "1,39-1,40: op '}'",
                     "1,40-1,52: fstring_middle ' final words'",
                     "1,52-1,53: fstring_end '''",
                     "1,53-1,54: newline ''",
                     "2,0-2,0: endmarker ''"}));
}

TEST(Lexer, FormatSpecWithNestedFields) {
    EXPECT_EQ(summary("f\"{x:{y}.{z}f}\""),
              "fstring_start:f\" op:{ name:x op:: op:{ name:y op:} fstring_middle:. op:{ name:z op:} "
              "fstring_middle:f op:} fstring_end:\" newline endmarker");
    EXPECT_EQ(summary("f'{x:>{w}}'"),
              "fstring_start:f' op:{ name:x op:: fstring_middle:> op:{ name:w op:} op:} "
              "fstring_end:' newline endmarker");
}

TEST(Lexer, EmptyFormatSpecHasNoMiddle) {
    EXPECT_EQ(summary("f'{x:}'"), "fstring_start:f' op:{ name:x op:: op:} fstring_end:' newline endmarker");
}

TEST(Lexer, ColonsInAFormatSpecAreText) {
    EXPECT_EQ(summary("f'{t:%H:%M}'"),
              "fstring_start:f' op:{ name:t op:: fstring_middle:%H:%M op:} fstring_end:' newline endmarker");
}

TEST(Lexer, Conversions) {
    EXPECT_EQ(
        summary("f'{x!r} {y!s:>3} {z=!a}'"),
        "fstring_start:f' op:{ name:x op:! name:r op:} fstring_middle:  op:{ name:y op:! name:s op:: "
        "fstring_middle:>3 op:} fstring_middle:  op:{ name:z op:= op:! name:a op:} fstring_end:' newline "
        "endmarker");
}

TEST(Lexer, NotEqualIsNotAConversion) {
    EXPECT_EQ(summary("f'{x!=y}'"),
              "fstring_start:f' op:{ name:x op:!= name:y op:} fstring_end:' newline endmarker");
}

TEST(Lexer, ColonInsideBracketsIsNotAFormatSpec) {
    EXPECT_EQ(summary("f'{(lambda x: x)(1)}'"),
              "fstring_start:f' op:{ op:( name:lambda name:x op:: name:x op:) op:( number:1 op:) op:} "
              "fstring_end:' "
              "newline endmarker");
    EXPECT_EQ(
        summary("f'{a[1:2]}'"),
        "fstring_start:f' op:{ name:a op:[ number:1 op:: number:2 op:] op:} fstring_end:' newline endmarker");
    EXPECT_EQ(
        summary("f\"{ {'a': 1}['a'] }\""),
        "fstring_start:f\" op:{ op:{ string:'a' op:: number:1 op:} op:[ string:'a' op:] op:} fstring_end:\" "
        "newline endmarker");
}

TEST(Lexer, WalrusAtTheTopOfAFieldIsAFormatSpec) {
    EXPECT_EQ(
        summary("f'{x:=5}' f'{(x:=5)}'"),
        "fstring_start:f' op:{ name:x op:: fstring_middle:=5 op:} fstring_end:' fstring_start:f' op:{ op:( "
        "name:x op::= number:5 op:) op:} fstring_end:' newline endmarker");
}

TEST(Lexer, StringsInsideAField) {
    EXPECT_EQ(summary("f'{\"\\n\".join(a)}' f\"{a['b']!s:{w}}\""),
              "fstring_start:f' op:{ string:\"\\n\" op:. name:join op:( name:a op:) op:} fstring_end:' "
              "fstring_start:f\" op:{ name:a op:[ string:'b' op:] op:! name:s op:: op:{ name:w op:} op:} "
              "fstring_end:\" newline endmarker");
}

TEST(Lexer, MultiLineFieldInATripleQuotedFString) {
    EXPECT_EQ(positions("f'''{\n3\n=}'''"),
              (Lines{"1,0-1,4: fstring_start 'f''''", "1,4-1,5: op '{'", "1,5-1,6: nl '\\n'",
                     "2,0-2,1: number '3'", "2,1-2,2: nl '\\n'", "3,0-3,1: op '='", "3,1-3,2: op '}'",
                     "3,2-3,5: fstring_end '''''", "3,5-3,6: newline ''", "4,0-4,0: endmarker ''"}));
    EXPECT_EQ(
        summary("f\"\"\"{\n  x  # comment\n  + 1\n}\"\"\""),
        "fstring_start:f\"\"\" op:{ nl name:x comment:# comment nl op:+ number:1 nl op:} fstring_end:\"\"\" "
        "newline endmarker");
}

TEST(Lexer, FormatSpecSpanningLines) {
    EXPECT_EQ(positions("f'''__{\n    x:a\n}__'''"),
              (Lines{"1,0-1,4: fstring_start 'f''''", "1,4-1,6: fstring_middle '__'", "1,6-1,7: op '{'",
                     "1,7-1,8: nl '\\n'", "2,4-2,5: name 'x'", "2,5-2,6: op ':'",
                     "2,6-3,0: fstring_middle 'a\\n'", "3,0-3,1: op '}'", "3,1-3,3: fstring_middle '__'",
                     "3,3-3,6: fstring_end '''''", "3,6-3,7: newline ''", "4,0-4,0: endmarker ''"}));
}

TEST(Lexer, MultiLineFieldInASingleQuotedFString) {
    EXPECT_EQ(summary("f\"{\n1\n}\""),
              "fstring_start:f\" op:{ nl number:1 nl op:} fstring_end:\" newline endmarker");
}

TEST(Lexer, FStringMiddleAcrossLines) {
    EXPECT_EQ(positions("f\"\"\"     x\nstr(data, encoding={invalid!r})\n\"\"\"")[1],
              "1,4-2,19: fstring_middle '     x\\nstr(data, encoding='");
    EXPECT_EQ(positions("f\"abc\\\ndef\"")[1], "1,2-2,3: fstring_middle 'abc\\\\ndef'");
}

TEST(Lexer, BackslashesInFStrings) {
    EXPECT_EQ(
        summary(R"(f"a\"b" rf"a\{x}" f"\N{BULLET} {x}" rf"\N{x}")"),
        R"(fstring_start:f" fstring_middle:a\"b fstring_end:" fstring_start:rf" fstring_middle:a\ op:{ name:x )"
        R"(op:} fstring_end:" fstring_start:f" fstring_middle:\N{BULLET} fstring_middle:  op:{ name:x op:} )"
        R"(fstring_end:" fstring_start:rf" fstring_middle:\N op:{ name:x op:} fstring_end:" newline endmarker)");
}

TEST(Lexer, AdjacentStringsAndFStrings) {
    EXPECT_EQ(
        summary("'a' f'b{c}' \"d\""),
        "string:'a' fstring_start:f' fstring_middle:b op:{ name:c op:} fstring_end:' string:\"d\" newline "
        "endmarker");
}

TEST(Lexer, UnterminatedFString) {
    EXPECT_EQ(summary("f'abc\nx"), "fstring_start:f' error:abc newline name:x newline endmarker");
    EXPECT_EQ(errors_of("f'abc\nx"), "1:0 unterminated f-string literal (detected at line 1)");
    EXPECT_EQ(errors_of("x = f'''abc\n\n"),
              "1:4 unterminated triple-quoted f-string literal (detected at line 2)");
}

TEST(Lexer, FStringMissingItsClosingBrace) {
    EXPECT_EQ(summary("f\"{x\" + 1"),
              "fstring_start:f\" op:{ name:x fstring_end:\" op:+ number:1 newline endmarker");
    EXPECT_EQ(errors_of("f\"{x\" + 1"), "1:4 f-string: expecting '}'");
    EXPECT_EQ(errors_of("f'{x:>3'"), "1:7 f-string: expecting '}'");
}

TEST(Lexer, FStringFieldOpenAtEndOfFile) {
    EXPECT_EQ(errors_of("f'{x\n"), "1:2 '{' was never closed");
    tokenize_checked("f'{x\n");
}

TEST(Lexer, SingleClosingBraceInAnFString) {
    EXPECT_EQ(summary("f'a}b'"),
              "fstring_start:f' fstring_middle:a error:} fstring_middle:b fstring_end:' newline "
              "endmarker");
    EXPECT_EQ(errors_of("f'a}b'"), "1:3 f-string: single '}' is not allowed");
}

TEST(Lexer, UnmatchedBracketInAField) {
    EXPECT_EQ(summary("f'{)}'"), "fstring_start:f' op:{ error:) op:} fstring_end:' newline endmarker");
    EXPECT_EQ(errors_of("f'{)}'"), "1:3 f-string: unmatched ')'");
}

TEST(Lexer, TenThousandNestedFStrings) {
    std::string source;
    for (int i = 0; i < 10'000; ++i)
        source += "f'{";
    source += "1";
    for (int i = 0; i < 10'000; ++i)
        source += "}'";
    LexResult result = tokenize_checked(source);
    EXPECT_EQ(result.errors.size(), 0u);
    EXPECT_EQ(result.tokens.size(), 40'003u);
    tokenize_checked(source.substr(0, source.size() / 2));
}

// t-strings (3.14)

TEST(Lexer, TStringsSplitLikeFStrings) {
    EXPECT_EQ(summary("t'a{b!r:>{w}}c'"),
              "fstring_start:t' fstring_middle:a op:{ name:b op:! name:r op:: fstring_middle:> op:{ name:w "
              "op:} op:} "
              "fstring_middle:c fstring_end:' newline endmarker");
    for (std::string prefix : {"t", "T", "tr", "rt", "Tr", "rT", "TR", "RT"})
        EXPECT_EQ(summary(prefix + "\"\"\"{x}\"\"\""),
                  "fstring_start:" + prefix + "\"\"\" op:{ name:x op:} fstring_end:\"\"\" newline endmarker");
}

TEST(Lexer, UnterminatedTString) {
    EXPECT_EQ(errors_of("t'abc"), "1:0 unterminated t-string literal (detected at line 1)");
}

}  // namespace lmms::python

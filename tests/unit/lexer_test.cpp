// Lines, indentation, names, numbers, operators and bad input. Expected
// positions are what `python3 -m tokenize` prints (CPython 3.12+, columns in
// bytes here); strings and f-strings are in lexer_strings_test.cpp.

#include <cstdint>
#include <string>

#include "lexer_fixture.hpp"
#include "python/token.hpp"

namespace lmms::python {

using testing::errors_of;
using testing::positions;
using testing::summary;
using testing::tokenize_checked;
using Lines = std::vector<std::string>;
using namespace std::string_literals;

// layout

TEST(Lexer, EmptySourceIsJustTheEndmarker) {
    EXPECT_EQ(positions(""), Lines{"1,0-1,0: endmarker ''"});
}

TEST(Lexer, NullViewIsEmptySource) {
    LexResult result = tokenize(std::string_view());
    ASSERT_EQ(result.tokens.size(), 1u);
    EXPECT_EQ(result.tokens[0].kind, TokenKind::endmarker);
    EXPECT_TRUE(result.errors.empty());
}

TEST(Lexer, HardKeywordsAreFlaggedSoftOnesAndLookalikesAreNot) {
    LexResult result =
        tokenize_checked("if None in x: match = type; nonlocal_ = iff; continue; print; async\n");
    std::vector<std::string> flagged;
    for (const Token& token : result.tokens)
        if (token.keyword)
            flagged.emplace_back(token.text);
    EXPECT_EQ(flagged, (std::vector<std::string>{"if", "None", "in", "continue", "async"}));
}

TEST(Lexer, LastLineWithoutNewlineGetsAnEmptyNewline) {
    EXPECT_EQ(positions("1 + 1"), (Lines{"1,0-1,1: number '1'", "1,2-1,3: op '+'", "1,4-1,5: number '1'",
                                         "1,5-1,6: newline ''", "2,0-2,0: endmarker ''"}));
}

TEST(Lexer, CommentAndBlankLinesAreNl) {
    EXPECT_EQ(positions("if False:\n    # NL\n    \n    True = False # NEWLINE\n"),
              (Lines{"1,0-1,2: name 'if'", "1,3-1,8: name 'False'", "1,8-1,9: op ':'",
                     "1,9-1,10: newline '\\n'", "2,4-2,8: comment '# NL'", "2,8-2,9: nl '\\n'",
                     "3,4-3,5: nl '\\n'", "4,0-4,4: indent '    '", "4,4-4,8: name 'True'",
                     "4,9-4,10: op '='", "4,11-4,16: name 'False'", "4,17-4,26: comment '# NEWLINE'",
                     "4,26-4,27: newline '\\n'", "5,0-5,0: dedent ''", "5,0-5,0: endmarker ''"}));
}

TEST(Lexer, CommentOnTheLastLineWithoutNewline) {
    EXPECT_EQ(positions("x\n# c"),
              (Lines{"1,0-1,1: name 'x'", "1,1-1,2: newline '\\n'", "2,0-2,3: comment '# c'",
                     "2,3-2,4: nl ''", "3,0-3,0: endmarker ''"}));
}

TEST(Lexer, WhitespaceOnlyLastLineIsNl) {
    EXPECT_EQ(summary("x\n   "), "name:x newline nl endmarker");
    EXPECT_EQ(positions("x\n   ")[2], "2,3-2,4: nl ''");
}

TEST(Lexer, IndentThenDedentAtEndOfFile) {
    EXPECT_EQ(positions("if x:\n  y"),
              (Lines{"1,0-1,2: name 'if'", "1,3-1,4: name 'x'", "1,4-1,5: op ':'", "1,5-1,6: newline '\\n'",
                     "2,0-2,2: indent '  '", "2,2-2,3: name 'y'", "2,3-2,4: newline ''", "3,0-3,0: dedent ''",
                     "3,0-3,0: endmarker ''"}));
}

TEST(Lexer, DedentsToEachOuterLevel) {
    EXPECT_EQ(summary("if a:\n  if b:\n    c\n  d\ne\n"),
              "name:if name:a op:: newline indent name:if name:b op:: newline indent name:c newline dedent "
              "name:d newline dedent name:e newline endmarker");
    EXPECT_EQ(positions("if a:\n  if b:\n    c\nd\n")[12], "4,0-4,0: dedent ''");
}

TEST(Lexer, CommentLineDoesNotDedent) {
    EXPECT_EQ(
        summary("if a:\n  b\n# c\nd\n"),
        "name:if name:a op:: newline indent name:b newline comment:# c nl dedent name:d newline endmarker");
}

TEST(Lexer, DedentIsAtTheFirstTokenOfTheLine) {
    EXPECT_EQ(positions("if a:\n    if b:\n        c\n    d\n")[12], "4,4-4,4: dedent ''");
}

TEST(Lexer, TabsIndentToMultiplesOfEight) {
    // "Evil tabs" from CPython's test_tokenize: 8 spaces and a tab are column 16.
    EXPECT_EQ(positions("def f():\n\tif x\n        \tpass"),
              (Lines{"1,0-1,3: name 'def'", "1,4-1,5: name 'f'", "1,5-1,6: op '('", "1,6-1,7: op ')'",
                     "1,7-1,8: op ':'", "1,8-1,9: newline '\\n'", "2,0-2,1: indent '\\t'",
                     "2,1-2,3: name 'if'", "2,4-2,5: name 'x'", "2,5-2,6: newline '\\n'",
                     "3,0-3,9: indent '        \\t'", "3,9-3,13: name 'pass'", "3,13-3,14: newline ''",
                     "4,0-4,0: dedent ''", "4,0-4,0: dedent ''", "4,0-4,0: endmarker ''"}));
    EXPECT_EQ(errors_of("def f():\n\tif x\n        \tpass"), "");
}

TEST(Lexer, TabAndEightSpacesAreTheSameLevel) {
    EXPECT_EQ(summary("if x:\n\ty\n\tz\n"),
              "name:if name:x op:: newline indent name:y newline name:z newline dedent "
              "endmarker");
}

TEST(Lexer, InconsistentTabsAreAnError) {
    std::string source = "if x:\n\ty\n        z\n";
    EXPECT_EQ(errors_of(source), "3:8 inconsistent use of tabs and spaces in indentation");
    EXPECT_EQ(summary(source),
              "name:if name:x op:: newline indent name:y newline name:z newline dedent endmarker");
}

TEST(Lexer, IndentWithTabWhereSpacesWereIsAnError) {
    EXPECT_EQ(errors_of("if x:\n    if y:\n\tz\n"), "3:1 inconsistent use of tabs and spaces in indentation");
}

TEST(Lexer, FormFeedResetsTheIndentation) {
    EXPECT_EQ(summary("if a:\n    b\n\f    c\n"),
              "name:if name:a op:: newline indent name:b newline name:c newline "
              "dedent endmarker");
    EXPECT_EQ(
        positions("\f  x\n\fy\n"),
        (Lines{"1,0-1,3: indent '\f  '", "1,3-1,4: name 'x'", "1,4-1,5: newline '\\n'", "2,1-2,1: dedent ''",
               "2,1-2,2: name 'y'", "2,2-2,3: newline '\\n'", "3,0-3,0: endmarker ''"}));
}

TEST(Lexer, FormFeedInsideALineIsWhitespace) {
    EXPECT_EQ(summary("a\f  b"), "name:a name:b newline endmarker");
}

TEST(Lexer, UnindentToAnUnknownLevelIsAnErrorAndLexingGoesOn) {
    std::string source = "if a:\n        x\n    y\nz\n";
    EXPECT_EQ(errors_of(source), "3:4 unindent does not match any outer indentation level");
    EXPECT_EQ(
        summary(source),
        "name:if name:a op:: newline indent name:x newline dedent name:y newline name:z newline endmarker");
}

TEST(Lexer, BracketsJoinLinesWithNl) {
    EXPECT_EQ(
        positions("x = (1,\n# c\n  2)\n"),
        (Lines{"1,0-1,1: name 'x'", "1,2-1,3: op '='", "1,4-1,5: op '('", "1,5-1,6: number '1'",
               "1,6-1,7: op ','", "1,7-1,8: nl '\\n'", "2,0-2,3: comment '# c'", "2,3-2,4: nl '\\n'",
               "3,2-3,3: number '2'", "3,3-3,4: op ')'", "3,4-3,5: newline '\\n'", "4,0-4,0: endmarker ''"}));
}

TEST(Lexer, NoIndentationInsideBrackets) {
    EXPECT_EQ(
        summary("f(\n        a,\n  [b,\n{c}])\n"),
        "name:f op:( nl name:a op:, nl op:[ name:b op:, nl op:{ name:c op:} op:] op:) newline endmarker");
}

TEST(Lexer, BackslashJoinsLines) {
    EXPECT_EQ(positions("a = 1 \\\n  + 2\n"),
              (Lines{"1,0-1,1: name 'a'", "1,2-1,3: op '='", "1,4-1,5: number '1'", "2,2-2,3: op '+'",
                     "2,4-2,5: number '2'", "2,5-2,6: newline '\\n'", "3,0-3,0: endmarker ''"}));
}

TEST(Lexer, BackslashAtTheStartOfALine) {
    EXPECT_EQ(positions("\\\nx\n"),
              (Lines{"2,0-2,1: name 'x'", "2,1-2,2: newline '\\n'", "3,0-3,0: endmarker ''"}));
}

TEST(Lexer, CommentAfterContinuedLineEndsTheLogicalLine) {
    EXPECT_EQ(summary("x = 1 \\\n# c\ny\n"),
              "name:x op:= number:1 comment:# c newline name:y newline endmarker");
}

TEST(Lexer, CarriageReturnsLeftInTheInputAreWhitespace) {
    EXPECT_EQ(summary("a\r\nb\r\n"), "name:a newline name:b newline endmarker");
    EXPECT_EQ(errors_of("a\r\nb\r\n"), "");
}

// names

TEST(Lexer, NonAsciiNamesWithByteColumns) {
    EXPECT_EQ(positions("Örter = 'places'\ngrün = 'green'"),
              (Lines{"1,0-1,6: name 'Örter'", "1,7-1,8: op '='", "1,9-1,17: string ''places''",
                     "1,17-1,18: newline '\\n'", "2,0-2,5: name 'grün'", "2,6-2,7: op '='",
                     "2,8-2,15: string ''green''", "2,15-2,16: newline ''", "3,0-3,0: endmarker ''"}));
}

TEST(Lexer, KeywordsAndSoftKeywordsAreNames) {
    EXPECT_EQ(
        summary("async def f(): await x; match _: type"),
        "name:async name:def name:f op:( op:) op:: name:await name:x op:; name:match name:_ op:: name:type "
        "newline endmarker");
}

// numbers

TEST(Lexer, Integers) {
    EXPECT_EQ(
        summary("0xff 0XdeadBEEF 0b10 0B1 0o123 0O123 1234567 0 00 0_0 1_000 0x_ff 0b_1 0o_7"),
        "number:0xff number:0XdeadBEEF number:0b10 number:0B1 number:0o123 number:0O123 number:1234567 "
        "number:0 number:00 number:0_0 number:1_000 number:0x_ff number:0b_1 number:0o_7 newline endmarker");
}

TEST(Lexer, Floats) {
    EXPECT_EQ(summary("3.14159 314159. .314159 3e14159 3E123 3e-1230 3.14e159 1_000.000_1e-1_0 0.0 0e0"),
              "number:3.14159 number:314159. number:.314159 number:3e14159 number:3E123 number:3e-1230 "
              "number:3.14e159 number:1_000.000_1e-1_0 number:0.0 number:0e0 newline endmarker");
}

TEST(Lexer, Imaginary) {
    EXPECT_EQ(
        summary("1j 1J .5j 5.j 1e3j 0j 1_0j"),
        "number:1j number:1J number:.5j number:5.j number:1e3j number:0j number:1_0j newline endmarker");
}

TEST(Lexer, NumberDirectlyFollowedByAKeyword) {
    EXPECT_EQ(summary("1if x else 2"), "number:1 name:if name:x name:else number:2 newline endmarker");
    EXPECT_EQ(errors_of("[0x1for x in y] 1or 2 1else 3 1is 4 1and 5 1not in 6"), "");
}

TEST(Lexer, NumberRunningIntoANameIsAnError) {
    EXPECT_EQ(summary("1abc"), "number:1 name:abc newline endmarker");
    EXPECT_EQ(errors_of("1abc"), "1:0 invalid decimal literal");
    EXPECT_EQ(errors_of("x = 0x_builtin"), "1:4 invalid hexadecimal literal");
    EXPECT_EQ(errors_of("1.__class__"), "1:0 invalid decimal literal");
    EXPECT_EQ(errors_of("1jx"), "1:0 invalid imaginary literal");
}

TEST(Lexer, MalformedNumbersAreErrorTokens) {
    EXPECT_EQ(summary("0x + 1_ + 0b2 + 0o8 + 1e+"),
              "error:0x op:+ error:1_ op:+ error:0b2 op:+ error:0o8 op:+ "
              "error:1e+ newline endmarker");
    EXPECT_EQ(
        errors_of("0x + 1_ + 0b2 + 0o8 + 1e+"),
        "1:0 invalid hexadecimal literal; 1:5 invalid decimal literal; 1:10 invalid digit '2' in binary "
        "literal; 1:16 invalid digit '8' in octal literal; 1:22 invalid decimal literal");
}

TEST(Lexer, LeadingZerosAreAnErrorButStillANumber) {
    EXPECT_EQ(summary("0777"), "number:0777 newline endmarker");
    EXPECT_EQ(errors_of("0777"),
              "1:0 leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal "
              "integers");
    EXPECT_EQ(errors_of("00 0_0 0777.5 07e1 07j"), "");
}

TEST(Lexer, ExponentWithoutDigitsIsNotPartOfTheNumber) {
    EXPECT_EQ(summary("1else"), "number:1 name:else newline endmarker");
    EXPECT_EQ(errors_of("1e"), "1:0 invalid decimal literal");
}

// operators

TEST(Lexer, OperatorsTakeTheLongestMatch) {
    EXPECT_EQ(
        summary("**= //= >>= <<= -> := ... != @= == <= >= ** // << >> += -= *= /= %= &= |= ^= ~ , ; . : @ ! "
                "< > = + - * / % & | ^"),
        "op:**= op://= op:>>= op:<<= op:-> op::= op:... op:!= op:@= op:== op:<= op:>= op:** op:// op:<< "
        "op:>> op:+= op:-= op:*= op:/= op:%= op:&= op:|= op:^= op:~ op:, op:; op:. op:: op:@ op:! op:< "
        "op:> op:= op:+ op:- op:* op:/ op:% op:& op:| op:^ newline endmarker");
}

TEST(Lexer, OperatorsWithoutSpaces) {
    EXPECT_EQ(summary("x=-1**-y//2"),
              "name:x op:= op:- number:1 op:** op:- name:y op:// number:2 newline endmarker");
    EXPECT_EQ(summary("a->b"), "name:a op:-> name:b newline endmarker");
}

TEST(Lexer, DotsEllipsisAndAttributes) {
    EXPECT_EQ(summary("x[...] a.b .. ...."),
              "name:x op:[ op:... op:] name:a op:. name:b op:. op:. op:... op:. newline endmarker");
}

TEST(Lexer, LegacyNotEqualIsOneOperator) {
    EXPECT_EQ(summary("1 <> 2"), "number:1 op:<> number:2 newline endmarker");
}

// bad input

TEST(Lexer, UnmatchedClosingBracket) {
    EXPECT_EQ(summary("x)"), "name:x error:) newline endmarker");
    EXPECT_EQ(errors_of("x)"), "1:1 unmatched ')'");
    EXPECT_EQ(errors_of("a = 1\n]\n"), "2:0 unmatched ']'");
}

TEST(Lexer, MismatchedClosingBracket) {
    EXPECT_EQ(summary("foo(a]\nx"), "name:foo op:( name:a error:] newline name:x newline endmarker");
    EXPECT_EQ(errors_of("foo(a]"), "1:5 closing parenthesis ']' does not match opening parenthesis '('");
    EXPECT_EQ(errors_of("foo(\na]"),
              "2:1 closing parenthesis ']' does not match opening parenthesis '(' on line 1");
}

TEST(Lexer, BracketStillOpenAtEndOfFile) {
    EXPECT_EQ(summary("x = (1,\n2"), "name:x op:= op:( number:1 op:, nl number:2 nl endmarker");
    EXPECT_EQ(errors_of("x = (1,\n2"), "1:4 '(' was never closed");
    EXPECT_EQ(errors_of("a = [(\n)"), "1:4 '[' was never closed");
}

TEST(Lexer, NullBytesAreReportedOnce) {
    std::string source = "x = 1\ny\0 = \0\n"s;
    EXPECT_EQ(errors_of(source), "2:1 source code cannot contain null bytes");
    EXPECT_EQ(summary(source),
              "name:x op:= number:1 newline name:y error:\0 op:= error:\0 newline endmarker"s);
}

TEST(Lexer, InvalidCharacters) {
    EXPECT_EQ(summary("a $ b ?? c `"), "name:a error:$ name:b error:?? name:c error:` newline endmarker");
    EXPECT_EQ(
        errors_of("a $ b ?? c `"),
        "1:2 invalid character '$' (U+0024); 1:6 invalid character '?' (U+003F); 1:11 invalid character '`' "
        "(U+0060)");
    EXPECT_EQ(errors_of("x\x01y"), "1:1 invalid non-printable character U+0001");
}

TEST(Lexer, BackslashNotAtTheEndOfALine) {
    EXPECT_EQ(summary("a \\ b"), "name:a error:\\ name:b newline endmarker");
    EXPECT_EQ(errors_of("a \\ b"), "1:2 unexpected character after line continuation character");
}

TEST(Lexer, BackslashAtEndOfFile) {
    EXPECT_EQ(errors_of("x = 1 \\"), "1:6 unexpected EOF while parsing");
    EXPECT_EQ(errors_of("x = 1 \\\n"), "2:0 unexpected EOF while parsing");
    EXPECT_EQ(summary("x = 1 \\\n"), "name:x op:= number:1 newline endmarker");
    testing::tokenize_checked("x = 1 \\\n");
}

TEST(Lexer, TenMegabyteLine) {
    std::string list = "x = [";
    while (list.size() < 10'000'000)
        list += "1, abc, 'str', ";
    list += "]";
    LexResult result = tokenize_checked(list);
    EXPECT_EQ(result.errors.size(), 0u);
    EXPECT_EQ(result.tokens.size(), 3 + (list.size() - 6) / 15 * 6 + 3);

    std::string name(10'000'000, 'a');
    EXPECT_EQ(tokenize_checked(name).tokens.size(), 3u);

    std::string unterminated = "x = '" + std::string(10'000'000, 'a');
    EXPECT_EQ(errors_of(unterminated), "1:4 unterminated string literal (detected at line 1)");
    tokenize_checked(unterminated);
}

TEST(Lexer, TenThousandNestedBrackets) {
    std::string balanced = std::string(10'000, '(') + std::string(10'000, ')');
    LexResult result = tokenize_checked(balanced);
    EXPECT_EQ(result.errors.size(), 0u);
    EXPECT_EQ(result.tokens.size(), 20'002u);

    std::string unclosed = "x = " + std::string(10'000, '[');
    EXPECT_EQ(errors_of(unclosed), "1:10003 '[' was never closed");
    tokenize_checked(unclosed);

    std::string closers(10'000, '}');
    EXPECT_EQ(tokenize_checked(closers).errors.size(), 100u);  // recorded up to the cap
}

TEST(Lexer, BinaryGarbage) {
    std::string garbage(1 << 20, '\0');
    uint64_t state = 0x9E3779B97F4A7C15ULL;
    for (char& c : garbage) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        c = static_cast<char>(state >> 56);
    }
    LexResult result = tokenize_checked(garbage);
    EXPECT_FALSE(result.errors.empty());
    EXPECT_LE(result.errors.size(), 100u);
}

TEST(Lexer, TextThatIsNotPython) {
    for (std::string_view text :
         {"#include <stdio.h>\nint main() { printf(\"%d\\n\", '\\0'); return 0; }\n",
          "<html><body class=\"x\">it's {{ broken }</body></html>", "{\"json\": [1, 2, {\"a\": null}]}",
          "\xEF\xBB\xBF\xFF\xFE garbage \x80\x81", "'''", "\"\"\"\\", "f'{", "f'''{'''{", "\\",
          "(\n\t\f)\r"}) {
        SCOPED_TRACE(text);
        tokenize_checked(text);
    }
}

}  // namespace lmms::python

// decode_source: BOM, PEP 263 declarations, conversions to UTF-8, newlines.

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "python/token.hpp"

namespace lmms::python {

namespace {

using namespace std::string_literals;

std::string errors(const SourceText& source) {
    std::string out;
    for (const SourceError& error : source.errors)
        out += (out.empty() ? "" : "; ") + std::to_string(error.line) + ":" + std::to_string(error.col) +
               " " + error.message;
    return out;
}

}  // namespace

TEST(Source, PlainUtf8PassesThrough) {
    SourceText source = decode_source("x = 'é'\n");
    EXPECT_EQ(source.text, "x = 'é'\n");
    EXPECT_EQ(source.encoding, "utf-8");
    EXPECT_EQ(errors(source), "");
}

TEST(Source, EmptyInput) {
    for (std::string_view empty : {std::string_view(""), std::string_view()}) {
        SourceText source = decode_source(std::string(empty));
        EXPECT_EQ(source.text, "");
        EXPECT_EQ(source.encoding, "utf-8");
        EXPECT_TRUE(source.errors.empty());
    }
}

TEST(Source, BomIsRemoved) {
    SourceText source = decode_source("\xEF\xBB\xBFx = 1\n");
    EXPECT_EQ(source.text, "x = 1\n");
    EXPECT_EQ(source.encoding, "utf-8");
    EXPECT_EQ(errors(source), "");
}

TEST(Source, BomWithUtf8DeclarationIsFine) {
    SourceText source = decode_source("\xEF\xBB\xBF# coding: utf-8\nx = 1\n");
    EXPECT_EQ(source.text, "# coding: utf-8\nx = 1\n");
    EXPECT_EQ(errors(source), "");
}

TEST(Source, BomWithAnotherDeclarationIsAnError) {
    SourceText source = decode_source("\xEF\xBB\xBF# coding: latin-1\nx = '\xC3\xA9'\n");
    EXPECT_EQ(errors(source), "1:0 encoding problem: latin-1 with BOM");
    EXPECT_EQ(source.encoding, "utf-8");
    EXPECT_EQ(source.text, "# coding: latin-1\nx = '\xC3\xA9'\n");
}

TEST(Source, CrlfAndLoneCrBecomeLf) {
    EXPECT_EQ(decode_source("a\r\nb\rc\n\r\nd\r").text, "a\nb\nc\n\nd\n");
    EXPECT_EQ(decode_source("'''a\r\nb'''\r\n").text, "'''a\nb'''\n");
}

TEST(Source, DeclarationFormsOfPep263) {
    for (std::string line :
         {"# -*- coding: latin-1 -*-", "# vim: set fileencoding=latin-1 :", "#coding:latin-1",
          "  \t# This Python file uses the following encoding: latin-1", "#!/usr/bin/python coding=latin-1"})
        EXPECT_EQ(decode_source(line + "\nx = '\xE9'\n").encoding, "latin-1") << line;
}

TEST(Source, NotADeclaration) {
    for (std::string line :
         {"x = 1  # coding: latin-1", "# coding latin-1", "# coding: ", "# encoding is nice"})
        EXPECT_EQ(decode_source(line + "\n").encoding, "utf-8") << line;
}

TEST(Source, DeclarationOnLineTwoBelowACommentOrBlankLine) {
    EXPECT_EQ(decode_source("#!/usr/bin/env python\n# -*- coding: latin-1 -*-\n").encoding, "latin-1");
    EXPECT_EQ(decode_source("\n# coding: latin-1\n").encoding, "latin-1");
    EXPECT_EQ(decode_source("import os\n# coding: latin-1\n").encoding, "utf-8");
    EXPECT_EQ(decode_source("#\n#\n# coding: latin-1\n").encoding, "utf-8");
}

TEST(Source, EncodingNamesAreNormalized) {
    for (std::string name : {"utf-8", "UTF-8", "utf8", "utf_8", "utf-8-sig", "UTF8-unix"})
        EXPECT_EQ(decode_source("# coding: " + name + "\n").encoding, "utf-8") << name;
    for (std::string name : {"latin-1", "latin1", "Latin_1", "iso-8859-1", "iso8859-1", "ISO_8859_1", "l1",
                             "iso-latin-1", "latin-1-unix"})
        EXPECT_EQ(decode_source("# coding: " + name + "\n").encoding, "latin-1") << name;
    EXPECT_EQ(decode_source("# coding: US-ASCII\n").encoding, "ascii");
    EXPECT_EQ(decode_source("# coding: CP1252\n").encoding, "cp1252");
}

TEST(Source, Latin1BytesBecomeUtf8) {
    SourceText source = decode_source("# -*- coding: latin-1 -*-\nx = '\xE9\xFF'; y = 1\n");
    EXPECT_EQ(source.text, "# -*- coding: latin-1 -*-\nx = '\xC3\xA9\xC3\xBF'; y = 1\n");
    EXPECT_EQ(errors(source), "");
}

TEST(Source, Latin1ColumnsAreUtf8Bytes) {
    SourceText source = decode_source("# coding: latin-1\nx = '\xE9'; y = 1\n");
    LexResult lexed = tokenize(source.text);
    auto y =
        std::find_if(lexed.tokens.begin(), lexed.tokens.end(), [](const Token& t) { return t.text == "y"; });
    ASSERT_NE(y, lexed.tokens.end());
    EXPECT_EQ(y->line, 2u);
    EXPECT_EQ(y->col, 10u);  // the é takes two bytes in UTF-8, one in latin-1
}

TEST(Source, AsciiWithANonAsciiByteIsAnError) {
    SourceText source = decode_source("# coding: ascii\nx = 1\ny = '\xE9'\n");
    EXPECT_EQ(errors(source), "3:5 'ascii' codec can't decode byte 0xe9: ordinal not in range(128)");
    EXPECT_EQ(source.text, "# coding: ascii\nx = 1\ny = '\xE9'\n");
}

TEST(Source, OtherEncodingsThroughIconv) {
    EXPECT_EQ(decode_source("# coding: cp1252\nx = '\x80'\n").text, "# coding: cp1252\nx = '\xE2\x82\xAC'\n");
    EXPECT_EQ(decode_source("# -*- coding: shift_jis -*-\nx = '\x82\xA0'\n").text,
              "# -*- coding: shift_jis -*-\nx = '\xE3\x81\x82'\n");
    EXPECT_EQ(decode_source("# coding: latin-2\nx = '\xB1'\n").text, "# coding: latin-2\nx = '\xC4\x85'\n");
}

TEST(Source, UndecodableByteInADeclaredEncoding) {
    SourceText source = decode_source("# coding: cp1252\nx = '\x80\x81'\n");
    EXPECT_EQ(errors(source), "2:8 'cp1252' codec can't decode byte 0x81");
    EXPECT_EQ(source.text, "# coding: cp1252\nx = '\xE2\x82\xAC\xEF\xBF\xBD'\n");
}

TEST(Source, UnknownEncodingIsAnErrorAndTheTextPassesThrough) {
    SourceText source = decode_source("# coding: bogus-enc\nx = '\xE9'\n");
    EXPECT_EQ(errors(source), "1:0 unknown encoding: bogus-enc");
    EXPECT_EQ(source.encoding, "bogus-enc");
    EXPECT_EQ(source.text, "# coding: bogus-enc\nx = '\xE9'\n");
}

TEST(Source, InvalidUtf8IsOneErrorAtTheFirstBadByte) {
    SourceText source = decode_source("x = 1\r\ny = '\xE9' + '\xFF'\n");
    EXPECT_EQ(errors(source),
              "2:5 Non-UTF-8 code starting with '\\xe9', but no encoding declared; see "
              "https://peps.python.org/pep-0263/ for details");
    EXPECT_EQ(source.text, "x = 1\ny = '\xE9' + '\xFF'\n");
}

TEST(Source, InvalidUtf8WithAUtf8Declaration) {
    EXPECT_EQ(errors(decode_source("# coding: utf-8\n\xC3(\n")), "2:0 'utf-8' codec can't decode byte 0xc3");
}

TEST(Source, Utf8ValidationRejectsWhatPythonRejects) {
    for (std::string bad : {"\xC0\x80"s, "\xE0\x80\x80"s, "\xED\xA0\x80"s, "\xF4\x90\x80\x80"s,
                            "\xF5\x80\x80\x80"s, "\x80"s, "\xE2\x82"s, "\xF0\x9F\x98"s})
        EXPECT_EQ(decode_source("# " + bad).errors.size(), 1u);
    for (std::string good : {"\xC2\x80"s, "\xE0\xA0\x80"s, "\xED\x9F\xBF"s, "\xEE\x80\x80"s,
                             "\xF0\x9F\x98\x80"s, "\xF4\x8F\xBF\xBF"s, "\0"s})
        EXPECT_EQ(decode_source("# " + good).errors.size(), 0u);
}

TEST(Source, LongAsciiWithABadByteNearTheEnd) {
    std::string text(100'000, 'a');
    text[99'990] = '\xFE';
    SourceText source = decode_source(text);
    ASSERT_EQ(source.errors.size(), 1u);
    EXPECT_EQ(source.errors[0].col, 99'990u);
}

}  // namespace lmms::python

// libFuzzer target: any bytes through the whole scanner (decode, tokenize,
// parse, analyse) must neither crash, hang nor trip a sanitizer. The scanner
// is reused from input to input, as each thread of `lmms scan` reuses it, and
// dropping comments while lexing must give the tokens that filtering them
// afterwards gives.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "python/scanner.hpp"

namespace {

bool same_tokens(const std::vector<lmms::python::Token>& kept, const std::vector<lmms::python::Token>& dropped) {
    using lmms::python::TokenKind;
    size_t j = 0;
    for (const lmms::python::Token& token : kept) {
        if (token.kind == TokenKind::comment || token.kind == TokenKind::nl)
            continue;
        if (j == dropped.size())
            return false;
        const lmms::python::Token& other = dropped[j++];
        if (token.kind != other.kind || token.line != other.line || token.col != other.col ||
            token.end_line != other.end_line || token.end_col != other.end_col || token.text != other.text ||
            token.keyword != other.keyword)
            return false;
    }
    return j == dropped.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static lmms::python::Scanner keeping(lmms::python::References::keep);
    static lmms::python::Scanner dropping(lmms::python::References::drop);
    std::string bytes(reinterpret_cast<const char*>(data), size);
    lmms::python::FileFacts facts = (size % 2 == 0 ? keeping : dropping).scan(bytes);
    lmms::python::SourceText text = lmms::python::decode_source(bytes);
    auto kept = lmms::python::tokenize(text.text, lmms::python::Trivia::keep);
    auto dropped = lmms::python::tokenize(text.text, lmms::python::Trivia::drop);
    if (!same_tokens(kept.tokens, dropped.tokens) || kept.errors.size() != dropped.errors.size())
        __builtin_trap();
    return facts.scopes.empty() ? 0 : 0;
}

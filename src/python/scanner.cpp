#include "python/scanner.hpp"

#include <algorithm>
#include <cstring>

#include "python/module_statements.hpp"
#include "python/symbols.hpp"

namespace lmms::python {

namespace {

/// Lines as ast counts them: every '\n', and a last line without one.
/// Eight bytes at a time: a byte equal to '\n' is a zero byte of word ^ '\n'.
uint32_t count_lines(std::string_view text) {
    constexpr uint64_t k_ones = 0x0101010101010101ull;
    constexpr uint64_t k_low7 = 0x7F7F7F7F7F7F7F7Full;
    size_t count = 0;
    size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        uint64_t word = 0;
        std::memcpy(&word, text.data() + i, 8);
        uint64_t x = word ^ (k_ones * '\n');
        uint64_t found = ~(((x & k_low7) + k_low7) | x | k_low7) >> 7;  // 1 in each matching byte
        count += static_cast<size_t>((found * k_ones) >> 56);           // their sum, in the top byte
    }
    for (; i < text.size(); ++i)
        count += text[i] == '\n' ? 1 : 0;
    return static_cast<uint32_t>(count + (!text.empty() && text.back() != '\n' ? 1 : 0));
}

}  // namespace

FileFacts Scanner::scan(std::string bytes) {
    FileFacts facts;
    SourceText decoded = decode_source(std::move(bytes));
    facts.source = std::make_unique<std::string>(std::move(decoded.text));
    facts.encoding = std::move(decoded.encoding);
    facts.errors = std::move(decoded.errors);
    const std::string& text = *facts.source;
    facts.line_count = count_lines(text);
    tokenize_into(text, Trivia::drop, m_lexed);
    parse_into(m_lexed.tokens, m_parsed);
    facts.errors.insert(facts.errors.end(), m_lexed.errors.begin(), m_lexed.errors.end());
    facts.errors.insert(facts.errors.end(), m_parsed.errors.begin(), m_parsed.errors.end());
    // One error per file, the first, as CPython reports it.
    auto first = std::min_element(facts.errors.begin(), facts.errors.end(),
                                  [](const SourceError& a, const SourceError& b) {
                                      return a.line != b.line ? a.line < b.line : a.col < b.col;
                                  });
    if (first != facts.errors.end())
        facts.errors = {*first};
    if (m_references == References::drop)
        facts.references.swap(m_spare_references);
    analyse(m_parsed.tree, m_parsed.root, facts, m_symbols, *m_consumers);
    facts.statements = module_statements(m_parsed.tree, m_parsed.root);
    if (m_references == References::drop) {
        facts.references.swap(m_spare_references);
        m_spare_references.clear();
    }
    return facts;
}

FileFacts scan_source(std::string_view bytes) {
    return Scanner().scan(std::string(bytes));
}

FileFacts scan_source(std::string_view bytes, const AnnotationConsumers& consumers) {
    return Scanner(References::keep, consumers).scan(std::string(bytes));
}

}  // namespace lmms::python

#include "python/scanner.hpp"

#include <algorithm>

#include "python/symbols.hpp"

namespace lmms::python {

FileFacts Scanner::scan(std::string bytes) {
    FileFacts facts;
    SourceText decoded = decode_source(std::move(bytes));
    facts.source = std::make_unique<std::string>(std::move(decoded.text));
    facts.encoding = std::move(decoded.encoding);
    facts.errors = std::move(decoded.errors);
    const std::string& text = *facts.source;
    facts.line_count = static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n') +
                                             (!text.empty() && text.back() != '\n' ? 1 : 0));
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
    analyse(m_parsed.tree, m_parsed.root, facts);
    return facts;
}

FileFacts scan_source(std::string_view bytes) {
    return Scanner().scan(std::string(bytes));
}

}  // namespace lmms::python

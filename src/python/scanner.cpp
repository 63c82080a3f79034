#include <algorithm>

#include "python/facts.hpp"
#include "python/parser.hpp"
#include "python/symbols.hpp"

namespace lmms::python {

FileFacts scan_source(std::string_view bytes) {
    FileFacts facts;
    SourceText decoded = decode_source(bytes);
    facts.source = std::make_unique<std::string>(std::move(decoded.text));
    facts.encoding = std::move(decoded.encoding);
    facts.errors = std::move(decoded.errors);
    const std::string& text = *facts.source;
    facts.line_count = static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n') +
                                             (!text.empty() && text.back() != '\n' ? 1 : 0));
    LexResult lexed = tokenize(text);
    ParseResult parsed = parse(std::move(lexed.tokens));
    facts.errors.insert(facts.errors.end(), lexed.errors.begin(), lexed.errors.end());
    facts.errors.insert(facts.errors.end(), parsed.errors.begin(), parsed.errors.end());
    // One error per file, the first, as CPython reports it.
    auto first = std::min_element(facts.errors.begin(), facts.errors.end(),
                                  [](const SourceError& a, const SourceError& b) {
                                      return a.line != b.line ? a.line < b.line : a.col < b.col;
                                  });
    if (first != facts.errors.end())
        facts.errors = {*first};
    analyse(parsed.tree, parsed.root, facts);
    return facts;
}

}  // namespace lmms::python

#pragma once
/// Scanning many files on one thread: the tokens and the syntax tree of
/// one file are scratch for the next, so their memory is allocated once per
/// thread instead of once per file (page faults were a tenth of the time).

#include <string>

#include "python/annotation_consumers.hpp"
#include "python/facts.hpp"
#include "python/parser.hpp"
#include "python/symbol_table.hpp"

namespace lmms::python {

/// Whether FileFacts::references is filled. Dropped, the references are
/// still computed (the analysis is one pass), but their memory is reused for
/// the next file instead of held: the largest part of the facts.
enum class References : uint8_t { keep, drop };

/// scan_source() with a project's annotation consumers (`annotation-consumers`).
FileFacts scan_source(std::string_view bytes, const AnnotationConsumers& consumers);

class Scanner {
public:
    explicit Scanner(References references = References::keep,
                     const AnnotationConsumers& consumers = AnnotationConsumers::builtin())
        : m_references(references), m_consumers(&consumers) {}

    /// As scan_source(); the bytes usually become FileFacts::source as they are.
    FileFacts scan(std::string bytes);

private:
    References m_references;
    const AnnotationConsumers* m_consumers;
    std::vector<Reference> m_spare_references;
    LexResult m_lexed;
    ParseResult m_parsed;
    SymbolTable m_symbols;
};

}  // namespace lmms::python

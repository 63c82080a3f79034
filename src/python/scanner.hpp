#pragma once
/// Scanning many files on one thread: the tokens and the syntax tree of
/// one file are scratch for the next, so their memory is allocated once per
/// thread instead of once per file (page faults were a tenth of the time).

#include <string>

#include "python/facts.hpp"
#include "python/parser.hpp"

namespace lmms::python {

class Scanner {
public:
    /// As scan_source(); the bytes usually become FileFacts::source as they are.
    FileFacts scan(std::string bytes);

private:
    LexResult m_lexed;
    ParseResult m_parsed;
};

}  // namespace lmms::python

#pragma once
/// Python source to a compact syntax tree (pure). Error-tolerant: a
/// statement that does not parse is recorded as an error and skipped, and
/// parsing goes on with the next statement.

#include <span>
#include <vector>

#include "python/ast.hpp"
#include "python/token.hpp"

namespace lmms::python {

struct ParseResult {
    Tree tree;
    NodeId root = k_no_node;  ///< a `module` node
    std::vector<SourceError> errors;
};

/// Takes the tokens by value: they are filtered in place (comments and
/// non-logical line breaks dropped), so pass them with std::move.
ParseResult parse(std::vector<Token> tokens);

/// Tokens from tokenize() with Trivia::drop (no comments, no NL, ending with
/// ENDMARKER) into `result`, whose memory is reused.
void parse_into(std::span<const Token> tokens, ParseResult& result);

}  // namespace lmms::python

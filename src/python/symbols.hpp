#pragma once
/// Scopes, bound and referenced names, import sites and references from a
/// syntax tree (pure), as CPython 3.11's symtable computes them.

#include "python/ast.hpp"
#include "python/facts.hpp"
#include "python/symbol_table.hpp"

namespace lmms::python {

/// Fills facts.scopes, imports, references, all and future_annotations.
void analyse(const Tree& tree, NodeId root, FileFacts& facts);

/// The same with a table reused from file to file.
void analyse(const Tree& tree, NodeId root, FileFacts& facts, SymbolTable& scratch);

}  // namespace lmms::python

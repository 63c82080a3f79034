#pragma once
/// Scopes, bound and referenced names, import sites and references from a
/// syntax tree (pure), as CPython 3.11's symtable computes them.

#include "python/ast.hpp"
#include "python/facts.hpp"

namespace lmms::python {

/// Fills facts.scopes, imports, references, all and future_annotations.
void analyse(const Tree& tree, NodeId root, FileFacts& facts);

}  // namespace lmms::python

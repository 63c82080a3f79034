#pragma once
/// Scopes, bound and referenced names, import sites and references from a
/// syntax tree (pure), as CPython 3.11's symtable computes them.

#include "python/annotation_consumers.hpp"
#include "python/ast.hpp"
#include "python/facts.hpp"
#include "python/symbol_table.hpp"

namespace lmms::python {

/// Fills facts.scopes, imports, references, dynamic_imports, all and
/// future_annotations; annotations the built-in consumers read are marked.
void analyse(const Tree& tree, NodeId root, FileFacts& facts);

/// The same with a table reused from file to file, and the project's consumers.
void analyse(const Tree& tree, NodeId root, FileFacts& facts, SymbolTable& scratch,
             const AnnotationConsumers& consumers = AnnotationConsumers::builtin());

}  // namespace lmms::python

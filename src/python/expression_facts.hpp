#pragma once
/// Small syntactic questions about expressions of the syntax tree (pure),
/// asked by the symbol analysis: where an attribute chain starts, what a
/// dotted callee or a plain string literal says.

#include <optional>
#include <string>
#include <string_view>

#include "python/ast.hpp"

namespace lmms::python {

/// The node an attribute chain `a.b.c` (the outermost attribute node) starts
/// from: the `a` name, or a call, subscript... when the chain starts there.
NodeId chain_base(const Tree& tree, NodeId attribute);

/// The attribute names of a chain after its base, joined by dots ("b.c" for
/// `a.b.c`), without the outermost one when `drop_last`. A view of `source`
/// when the chain is written there without spaces, else `joined` holds it.
std::string_view chain_attributes(const Tree& tree, NodeId attribute, bool drop_last, std::string& joined);

/// The dotted text of a name or attribute chain on a name ("app.get"); of a
/// call, its callee's (`@app.get("/")`); empty for anything else.
std::string dotted_name(const Tree& tree, NodeId id);

/// The value of a plain str literal (`'x'`, `"x"`, `u'x'`, `r"x"`, not bytes,
/// f-strings, concatenations or escapes): a view of the literal's text.
std::optional<std::string_view> plain_string(const Tree& tree, NodeId id);

/// Whether `text` is a Python identifier of ASCII letters, digits and `_`.
bool is_identifier(std::string_view text);

}  // namespace lmms::python

#pragma once
/// The statements that run with a module's body (pure): the top-level ones
/// and those nested in its `if`, `try`, `with`, `for`, `while` and `match`
/// blocks, but not the bodies of its functions and classes. For each, what
/// an import-time use of a name on one of its lines can be: a decorator, a
/// base class, a default argument, a configuring call, a module-level object.

#include <cstdint>
#include <string>
#include <vector>

#include "python/ast.hpp"

namespace lmms::python {

enum class ModuleStatementKind : uint8_t {
    import,                ///< import, from ... import
    function_def,          ///< def, async def (with its decorators)
    class_def,             ///< class (with its decorators)
    assignment,            ///< `x = ...`, `x: T = ...`, `type X = ...`
    augmented_assignment,  ///< `x += ...`
    expression,            ///< a bare expression: `plotlib.use("Agg")`, `register(x)`
    if_statement,
    try_statement,
    with_statement,
    loop,   ///< for, async for, while
    other,  ///< del, assert, raise, global, match, ...
};

/// The kind as the JSON outputs name it.
const char* module_statement_kind_name(ModuleStatementKind kind);

/// A stretch of source: lines from 1, columns from 0 (UTF-8 bytes), end exclusive.
struct SourceSpan {
    uint32_t line = 0, col = 0, end_line = 0, end_col = 0;
    bool contains(uint32_t at_line, uint32_t at_col) const {
        bool after_start = at_line > line || (at_line == line && at_col >= col);
        bool before_end = at_line < end_line || (at_line == end_line && at_col < end_col);
        return after_start && before_end;
    }
    bool contains_line(uint32_t at_line) const { return at_line >= line && at_line <= end_line; }
};

/// One decorator of a def or class.
struct Decorator {
    SourceSpan span;
    /// The decorator's dotted name, or its callee's when it is a call:
    /// `@app.route("/")` -> "app.route", `@dataclass` -> "dataclass"; empty
    /// when it is neither (`@handlers[0]`).
    std::string callee;
    bool called = false;  ///< `@x(...)`, not `@x`
};

struct ModuleStatement {
    ModuleStatementKind kind = ModuleStatementKind::other;
    uint32_t line = 0, col = 0, end_line = 0, end_col = 0;  ///< a def or class starts at its first decorator
    int32_t parent = -1;                  ///< the statement whose block holds this one, -1 at top level
    std::string name;                     ///< def and class: the name they bind
    std::vector<Decorator> decorators;    ///< def and class, in order
    std::vector<SourceSpan> bases;        ///< class: bases and keywords (`metaclass=...`)
    std::vector<SourceSpan> defaults;     ///< def: the default values of its parameters
    std::vector<SourceSpan> annotations;  ///< def: parameter and return annotations
    SourceSpan header;                    ///< if, while: the test; for: target and iterable; with: its items
    bool catches_import_error = false;    ///< try: an `except` names ImportError or ModuleNotFoundError
    /// expression, assignment, augmented_assignment: the callee of the value
    /// when the value is a call, as dotted text ("plotlib.use", "register",
    /// "boto3.client", "logging.getLogger().setLevel"); empty otherwise.
    std::string callee;
    SourceSpan value;  ///< assignment, augmented_assignment, expression: the value
};

/// The module-level statements of the tree under `root` (a module node), in
/// source order; a statement's parent comes before it.
std::vector<ModuleStatement> module_statements(const Tree& tree, NodeId root);

inline constexpr uint32_t k_any_column = UINT32_MAX;

/// The innermost statement of `statements` holding `line` (and, when a
/// column is given, the place at `col`), or -1.
int32_t statement_at(const std::vector<ModuleStatement>& statements, uint32_t line,
                     uint32_t col = k_any_column);

}  // namespace lmms::python

#pragma once
/// What the scanner knows about one Python file (pure model): its import
/// sites, its scopes with their bound and referenced names (as CPython's
/// symtable computes them), every name reference, and `__all__`.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "python/module_statements.hpp"
#include "python/token.hpp"

namespace lmms::python {

enum class ScopeKind : uint8_t { module, function, lambda, class_body, comprehension };

/// What an import statement sits under, innermost first.
enum class Guard : uint8_t {
    none,
    type_checking,     ///< if TYPE_CHECKING: / if typing.TYPE_CHECKING:
    try_import_error,  ///< try: ... except ImportError / ModuleNotFoundError
    conditional,       ///< any other if, else, except or match branch
    with_block,        ///< with ...:
};

/// The guard as the JSON outputs name it.
inline const char* guard_name(Guard guard) {
    switch (guard) {
        case Guard::none:
            return "none";
        case Guard::type_checking:
            return "type_checking";
        case Guard::try_import_error:
            return "try_import_error";
        case Guard::conditional:
            return "conditional";
        case Guard::with_block:
            return "with";
    }
    return "none";
}

struct ImportedName {
    std::string name;    ///< `import a.b` -> "a.b"; `from m import x` -> "x"; "*" for a star import
    std::string asname;  ///< empty when there is no `as`
};

struct ImportSite {
    uint32_t line = 0, col = 0, end_line = 0, end_col = 0;
    bool is_from = false;
    std::string module;  ///< `from .x import y` -> "x" with level 1; empty for `from . import y`
    uint32_t level = 0;
    std::vector<ImportedName> names;
    bool star = false;
    bool future = false;  ///< from __future__ import ...
    uint32_t scope = 0;   ///< index into FileFacts::scopes
    Guard guard = Guard::none;
    bool in_try = false;  ///< anywhere in a try statement (PEP 810 allows no `lazy` there)
    bool lazy = false;    ///< `lazy import` / `lazy from` (PEP 810)
};

struct Scope {
    ScopeKind kind = ScopeKind::module;
    std::string name;      ///< def/class name, "lambda", "listcomp", "setcomp", "dictcomp", "genexpr", "top"
    std::string qualname;  ///< as Python's __qualname__: C.f, f.<locals>.g, "" for the module
    uint32_t line = 0, end_line = 0;
    int32_t parent = -1;
    // Names view into FileFacts::source or FileFacts::strings.
    std::vector<std::string_view> parameters;  ///< in order (comprehensions: ".0")
    std::vector<std::string_view> bound;       ///< locally bound names, sorted (symtable is_local)
    std::vector<std::string_view> referenced;  ///< names loaded here, sorted (symtable is_referenced)
    std::vector<std::string_view> globals;     ///< declared `global`, sorted
    std::vector<std::string_view> nonlocals;   ///< declared `nonlocal`, sorted
    // Module and function scopes: where their body's statements start (for
    // the fixer, which inserts imports there), 0 when unknown.
    uint32_t body_line = 0, body_col = 0;  ///< the first statement of the body
    uint32_t docstring_end_line = 0;       ///< the last line of its docstring, 0 when it has none
};

/// Whether an annotation's names are read at run time.
enum class AnnotationUse : uint8_t {
    evaluated,  ///< when its statement runs (no `from __future__ import annotations`)
    postponed,  ///< `from __future__ import annotations`: a string nothing reads
    never,      ///< a local variable's annotation in a function: never evaluated
    consumer,   ///< postponed, but a runtime consumer (pydantic, get_type_hints...) evaluates it
};

struct Reference {
    std::string_view name;
    uint32_t line = 0, col = 0;
    uint32_t scope = 0;
    bool store = false;            ///< a store or del, not a load
    bool annotation = false;       ///< inside an annotation
    bool definition_time = false;  ///< evaluated when the enclosing def/class statement runs
    bool getattr : 1 = false;      ///< `attributes` is the literal of getattr(name, "literal")
    AnnotationUse annotation_use : 2 = AnnotationUse::evaluated;  ///< when `annotation`
    /// A load followed by `.b.c` (`a.b.c` -> "b.c" on the reference of `a`), or
    /// getattr's literal; views into FileFacts::source or strings, empty when none.
    std::string_view attributes;
};
static_assert(sizeof(Reference) <= 48, "references are the bulk of the facts: keep them small");

/// `importlib.import_module("m")`, `import_module("m")` bound by `from
/// importlib import import_module`, `__import__("m")`: an import site the
/// fixer cannot move, kept apart from FileFacts::imports.
struct DynamicImport {
    uint32_t line = 0, col = 0;
    uint32_t scope = 0;        ///< index into FileFacts::scopes
    std::string_view module;   ///< the literal as written (".sub" when relative); views into source
    std::string_view package;  ///< import_module's second argument: a literal, "__name__",
                               ///< "__package__", or empty
};

struct FileFacts {
    std::unique_ptr<std::string> source;  ///< decoded text; names view into it
    std::deque<std::string> strings;      ///< names that are not in the source (mangled, `a . b` joined)
    std::string encoding;
    uint32_t line_count = 0;
    std::vector<SourceError> errors;  ///< decoding, tokenizing and syntax errors, in order
    bool future_annotations = false;
    std::optional<std::vector<std::string>> all;  ///< `__all__` when it is a literal
    std::vector<ImportSite> imports;
    std::vector<Scope> scopes;  ///< scopes[0] is the module
    std::vector<Reference> references;
    std::vector<DynamicImport> dynamic_imports;  ///< in source order
    std::vector<ModuleStatement> statements;  ///< those that run with the module body, in source order
};

/// Decodes, tokenizes, parses and analyses one file's bytes. Never throws.
FileFacts scan_source(std::string_view bytes);

}  // namespace lmms::python

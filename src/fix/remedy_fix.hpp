#pragma once
/// The remedies lmms fix applies to imports the plan cannot move as they are
/// (TRAPS.md B.5-B.10, A.1; pure analysis): one function per remedy kind, each
/// in its own file, each giving a SiteFix whose edits the one fixer applies
/// (parse guard, fixed point, no overlaps). What they share is here.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fix/site_fix.hpp"
#include "policy/remedy.hpp"
#include "python/ast.hpp"
#include "python/parser.hpp"

namespace lmms::fix {

/// One blocked import site of the file, with its remedy.
struct RemedyRequest {
    size_t site = 0;                 ///< index in facts->imports
    std::vector<std::string> names;  ///< the row's names; empty: all the statement binds
    policy::Remedy remedy;
    /// Other files' `from <this module> import name`: name -> their `file:line`.
    std::map<std::string, std::vector<std::string>> imported_elsewhere;
    /// The module-level statements of this file at the remedy's blocking lines,
    /// as the file read before any fix (ModuleSyntax::text): found again by text.
    std::vector<std::string> blocking;
};

/// The text of the module-level statements at `remedy`'s blocking lines in `path`.
std::vector<std::string> blocking_statements(const python::FileFacts& facts, const std::string& path,
                                             const policy::Remedy& remedy);

/// One SiteFix per request, in order, with the remedy's kind, edit text and
/// saving, and its applicability from Remedy::fix (unsafe: --unsafe-fixes).
std::vector<SiteFix> remedy_fixes(const FileView& file, const std::vector<RemedyRequest>& requests);

/// Whether lmms fix can apply a remedy of this kind at all (else it is listed, by hand).
bool mechanical(policy::RemedyKind kind);

// One per kind (remedy_<kind>.cpp). Each refuses, with why, what it cannot do safely.
SiteFix move_configuring_call(const FileView& file, const RemedyRequest& request);
SiteFix find_spec_probe(const FileView& file, const RemedyRequest& request);
SiteFix find_spec_flag(const FileView& file, const RemedyRequest& request);
SiteFix module_getattr(const FileView& file, const RemedyRequest& request);
SiteFix cached_factory(const FileView& file, const RemedyRequest& request);

/// The file's syntax tree, parsed from the facts' decoded text (which must
/// outlive it), for the module-level statements the remedies rewrite.
class ModuleSyntax {
public:
    explicit ModuleSyntax(const python::FileFacts& facts);

    const python::Tree& tree() const { return m_parsed.tree; }
    const python::Node& node(python::NodeId id) const { return m_parsed.tree[id]; }
    /// The module's statements, in order.
    std::vector<python::NodeId> statements() const;
    /// The module-level statement spanning `line`, or k_no_node.
    python::NodeId statement_at(uint32_t line) const;
    /// Decoded line `number` (from 1), without its ending.
    std::string_view line(uint32_t number) const;
    /// The decoded text of a node (its lines joined by '\n').
    std::string text(const python::Node& node) const;
    /// The name a chain of attributes starts from (`a` for `a.b.c(...)`'s `a.b.c`), or "".
    std::string_view root_name(python::NodeId id) const;

private:
    python::ParseResult m_parsed;
    std::string_view m_source;
    std::vector<size_t> m_line_starts;
};

/// A load that reads the module's own binding of a name.
struct ModuleRead {
    uint32_t line = 0, col = 0;
    uint32_t function = 0;  ///< the `def` it serves (serving_function), 0 when it runs with the module
};
/// Every load of `name` that reads its module-level binding, by line and column.
std::vector<ModuleRead> module_reads(const python::FileFacts& facts, const std::string& name);

/// Why the module-level `name` cannot change form, or "": in `__all__`,
/// stored at module level outside lines [first, last], or declared global.
std::string rebound_elsewhere(const python::FileFacts& facts, const std::string& name, uint32_t first,
                              uint32_t last);

/// Why a module-level statement spanning [first, last] cannot be moved as
/// whole lines, or "": another statement shares a line with it.
std::string shares_lines(const ModuleSyntax& syntax, python::NodeId statement);

/// Lines [first, last] of the file as read (its encoding), without endings.
std::vector<std::string> raw_lines(const FileView& file, uint32_t first, uint32_t last);

/// `block` (lines at column 0) put at the start of `scope`'s body, indented
/// as it is; appended to fix's edits and destinations. Why not, or "".
std::string insert_into_function(const FileView& file, uint32_t scope, const std::vector<std::string>& block,
                                 uint32_t order, SiteFix& fix);

/// A shared edit importing `module` (`importlib.util`, `functools`) at module
/// level before `line`, unless an unconditional `import module` before it
/// stays there (the module reads it while it is imported). Why the name
/// cannot be bound so, or "".
std::string import_at_module_level(const FileView& file, const std::string& module, uint32_t line,
                                   SiteFix& fix);

/// Text spans of one line to replace: [col, col + length) with `text` (decoded columns).
struct Replacement {
    uint32_t col = 0;
    uint32_t length = 0;
    std::string text;
};
/// One edit per line for `replacements` (by line); refuses a line whose bytes
/// are not its decoded text (another encoding), where columns would not match.
std::string rewrite_lines(const FileView& file, const ModuleSyntax& syntax,
                          const std::map<uint32_t, std::vector<Replacement>>& replacements, SiteFix& fix);

/// Whether some statement of [first, last] holds a string written over several lines.
bool multiline_string(const FileView& file, uint32_t first, uint32_t last);

/// The top-level package an import reaches ("" for a relative import beyond the top).
std::string top_module(const FileView& file, const python::ImportSite& site);

}  // namespace lmms::fix

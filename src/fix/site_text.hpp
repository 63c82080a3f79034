#pragma once
/// What the styles share about one import site (pure): whether it can leave
/// module level at all, its lines as written, and the statements generated
/// for part of its names.

#include <set>
#include <string>
#include <vector>

#include "fix/site_fix.hpp"

namespace lmms::fix {

/// The absolute module `site` imports for `name` ("" past the top package).
std::string absolute_module(const FileView& file, const python::ImportSite& site,
                            const python::ImportedName& name);

/// A SiteFix naming `site` (file, line, statement), with no edits yet.
SiteFix site_fix_for(const FileView& file, const python::ImportSite& site);
SiteFix refuse(SiteFix fix, std::string why);

/// Why `site` cannot be edited as a statement of its own at module level, or "".
std::string movable_from_module_level(const FileView& file, const python::ImportSite& site);

/// The function an import serves for a load in `scope`: the nearest `def`
/// (a lambda cannot hold a statement), or 0 when the load runs with the module.
uint32_t serving_function(const python::FileFacts& facts, uint32_t scope);

/// Where a statement put at the start of a function goes: after its
/// docstring, at its body's indentation; or why it cannot go there.
struct Insertion {
    uint32_t line = 0;
    std::string indentation;
    std::string refused;
};
Insertion insertion_point(const FileView& file, const python::Scope& scope);

/// The names `site` binds, in order.
std::vector<std::string> bound_names(const python::ImportSite& site);
/// Of those, the ones `requested` names (all of them when it is empty).
std::vector<std::string> lazy_names(const python::ImportSite& site,
                                    const std::vector<std::string>& requested);

/// Whether something in the file evaluates annotations at runtime
/// (pydantic, dataclasses, attrs, typer, FastAPI, get_type_hints ...): then
/// an annotation is a use. The first such reader, for the reason.
bool reads_annotations_at_runtime(const python::FileFacts& facts);
std::string runtime_annotation_reader(const python::FileFacts& facts);

/// The statement's lines as written, from its first character.
struct StatementText {
    std::vector<std::string> lines;
    std::string comment;  ///< the last line's trailing comment with the spaces before it, or ""
    std::vector<std::string> inner_comments;  ///< `# ...` on the lines before the last (inside parentheses)
    /// The lines at `indentation`: the first re-indented, the others prefixed.
    std::vector<std::string> reindented(const std::string& indentation) const;
    /// A generated `statement` at `indentation`, after the inner comments, with
    /// the trailing one: a statement rewritten for part of its names loses no comment.
    std::vector<std::string> generated(const std::string& indentation, const std::string& statement) const;
};
StatementText statement_lines(const FileView& file, const python::ImportSite& site);

/// `import a as b, c` / `from .m import x as y` for the names of `site` in `bound`.
std::string partial_statement(const python::ImportSite& site, const std::set<std::string>& bound);

/// The indentation one block level adds in this file: a tab or four spaces.
std::string indent_unit(const SourceLines& lines);

inline constexpr const char* k_type_checking_import = "from typing import TYPE_CHECKING";

/// The edit that replaces the statement at module level: the names that stay
/// (if any), then, when `annotations`, the moved names under `if TYPE_CHECKING:`.
Edit module_level_rest(const FileView& file, const python::ImportSite& site,
                       const std::vector<std::string>& moved, bool annotations, const StatementText& text);

}  // namespace lmms::fix

#pragma once
/// What the fixer can do with one import site the plan makes lazy (pure
/// analysis: it computes edits and never writes). Each style is one
/// function; a site it cannot move safely comes back refused, with why.

#include <cstdint>
#include <string>
#include <vector>

#include "fix/edit.hpp"
#include "python/facts.hpp"

namespace lmms::fix {

/// How an import is made lazy.
enum class Style : uint8_t {
    function,      ///< moved into each function that uses its names (every Python version)
    lazy,          ///< PEP 810 `lazy import` in place (Python >= 3.15)
    lazy_modules,  ///< listed in the module's `__lazy_modules__` (valid everywhere, effective from 3.15)
};

const char* style_name(Style style);

struct SiteFix {
    std::string file;  ///< project-relative
    uint32_t line = 0;
    std::string statement;
    std::vector<Edit> edits;
    Applicability applicability = Applicability::safe;
    std::string unsafe_reason;              ///< why it is unsafe, when it is
    std::vector<std::string> destinations;  ///< where it went: qualnames, `if TYPE_CHECKING:`, `lazy`
    std::string refused;                    ///< set when it cannot be applied: why
    bool done = false;                      ///< already as the style wants it: nothing to change
    // Set when the fix is a plan row's remedy (policy::Remedy).
    std::string remedy;       ///< its kind, as policy::remedy_kind_name spells it; "" for a style's move
    std::string remedy_edit;  ///< the edit in words, as the plan gives it
    double saving_ms = 0;     ///< what the plan predicts it takes off the cold path
    bool manual = false;      ///< a remedy lmms fix never applies: listed with its edit
    std::vector<std::string> carries;  ///< other module-level statements that move with this one
};

/// One file as the fixer sees it: its facts and its lines as read.
struct FileView {
    std::string path;           ///< project-relative
    std::string module;         ///< dotted; empty when under no source root
    bool package_init = false;  ///< an `__init__.py`: relative imports start at the module itself
    const python::FileFacts* facts = nullptr;
    const SourceLines* lines = nullptr;
};

struct LazyRequest {
    size_t site = 0;                   ///< index in facts->imports
    std::vector<std::string> names;    ///< the bound names to make lazy; empty: all of them
    std::vector<std::string> read_by;  ///< other files' `file:line` that import one of them from here
    bool project_module = false;       ///< it imports one of the project's own modules
};

/// Style `function`: the site leaves module level; each function that
/// reads one of its names gets an import of the names it reads, after its
/// docstring; annotation-only readers are served by `if TYPE_CHECKING:`.
SiteFix move_into_functions(const FileView& file, const LazyRequest& request);

/// Style `lazy`: `lazy ` before the statement, in place.
SiteFix mark_lazy(const FileView& file, const LazyRequest& request);

/// Style `lazy-modules`: the modules of `requests` into the file's
/// `__lazy_modules__` (created after the docstring and `__future__` imports).
/// One SiteFix per request; the edit that writes the list rides on the first.
std::vector<SiteFix> list_lazy_modules(const FileView& file, const std::vector<LazyRequest>& requests);

}  // namespace lmms::fix

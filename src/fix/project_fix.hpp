#pragma once
/// The plan's actions as fixes over the whole project (pure): which sites
/// become lazy in which style, the entry routed through the fast path, every
/// file's text before and after. Reads no file and writes none.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fix/fixer.hpp"
#include "policy/plan.hpp"

namespace lmms::fix {

struct ProjectFixOptions {
    Style style = Style::function;
    bool unsafe_fixes = false;
    std::vector<std::string> select;  ///< FILE or FILE:LINE; empty selects all
    std::vector<std::string> ignore;
    /// When set, only the fixes these keys name (fix_key), to bisect them.
    std::optional<std::set<std::string>> only;
};

/// A fix's identity across runs of the fixer: its file and statement.
std::string fix_key(const SiteFix& fix);

struct ProjectFileSource {
    std::string path;  ///< project-relative
    std::string module;
    std::string bytes;
    const python::FileFacts* facts = nullptr;  ///< as scanned for the plan
};

struct ChangedFile {
    std::string path;
    std::optional<std::string> before;  ///< none: the fix creates it
    std::string after;
};

struct ProjectFix {
    Style style = Style::function;
    std::string style_reason;      ///< why this style: `--style`, requires-python >= 3.15, ...
    std::vector<SiteFix> applied;  ///< by file, then line
    std::vector<SiteFix> skipped;  ///< by file, then line: refused, unsafe or filtered out
    std::vector<SiteFix> manual;   ///< by file, then line: remedies to apply by hand (SiteFix::remedy_edit)
    std::vector<std::string> errors;  ///< files left alone because they do not parse
    std::vector<ChangedFile> files;   ///< only those that change, by path
};

/// Plan rows become fixes so: `lazy` rows through the style; `cannot_move`
/// rows with a remedy through the remedy's kind (fix/remedy_fix.hpp), its
/// applicability from Remedy::fix; manual remedies are listed, never applied.
/// `fast_path_text`: the fast-path file as `lmms fastpath` would write it
/// (none when the plan moves nothing there).
ProjectFix fix_project(const policy::Plan& plan, const std::vector<ProjectFileSource>& sources,
                       const std::optional<std::string>& fast_path_before,
                       const std::optional<std::string>& fast_path_text, const ProjectFixOptions& options);

/// Whether `selector` (FILE, a folder, or FILE:LINE) names the fix.
bool selects(const std::string& selector, const SiteFix& fix);

}  // namespace lmms::fix

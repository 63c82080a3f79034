#pragma once
/// The Python files of a project: what git lists (tracked and untracked, not
/// ignored) when the root is in a git work tree, otherwise a directory walk
/// that skips .venv, __pycache__ and hidden folders. Sorted, '/'-separated,
/// relative to the project directory.

#include <filesystem>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/process.hpp"

namespace lmms::python {

/// Which files are planned: [tool.lmms] `include` (empty: all) and the
/// excluded patterns (base/glob.hpp). A pattern without a `/` is matched
/// below the file's source root, so `src = ["build/pkg"]` is not left out
/// by the default `build`; one with a `/` against the project-relative path.
struct FileScope {
    std::vector<std::string> include;
    std::vector<std::string> exclude;
};

/// Whether `path` (under `root`, both project-relative; root "." for the project) is in `scope`.
bool in_scope(const std::string& path, const std::string& root, const FileScope& scope);

Expected<std::vector<std::string>> project_files(const std::filesystem::path& project_dir,
                                                 const std::vector<std::filesystem::path>& roots,
                                                 base::ProcessRunner& runner, const FileScope& scope = {});

/// `pkg/sub/mod.py` -> "pkg.sub.mod", `pkg/__init__.py` -> "pkg", under the
/// most specific of `roots` (project-relative, "." for the project itself)
/// holding it; "" when none does. The one path -> module rule of LMMS.
std::string module_for_path(const std::string& path, const std::vector<std::string>& roots);

/// The absolute module of `from <level dots><module> import ...` in `importer`.
std::string absolute_module(const std::string& importer, bool importer_is_package, uint32_t level,
                            const std::string& module);

/// The top-level package of a dotted module name: "boto3.dynamodb.types" -> "boto3".
inline std::string top_level_package(const std::string& module) {
    return module.substr(0, module.find('.'));
}

}  // namespace lmms::python

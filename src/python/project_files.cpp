#include "python/project_files.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "base/files.hpp"
#include "base/glob.hpp"
#include "base/strings.hpp"

namespace lmms::python {

namespace fs = std::filesystem;

namespace {

bool skipped_directory(const fs::path& dir) {
    std::string name = dir.filename().string();
    return name == "__pycache__" || name == "node_modules" || (name.size() > 1 && name[0] == '.');
}

void walk(const fs::path& root, const fs::path& project_dir, std::set<std::string>& files) {
    std::error_code ec;
    if (fs::is_regular_file(root, ec)) {
        files.insert(base::relative_to(root, project_dir));
        return;
    }
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory(ec) && skipped_directory(it->path())) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->path().extension() == ".py" && it->is_regular_file(ec))
            files.insert(base::relative_to(it->path(), project_dir));
    }
}

/// Files git knows of and does not ignore, or nullopt outside a work tree.
std::optional<std::set<std::string>> git_files(const fs::path& project_dir,
                                               const std::vector<fs::path>& roots,
                                               base::ProcessRunner& runner) {
    std::vector<std::string> argv{"/usr/bin/git", "-C",       project_dir.string(), "ls-files",    "-z",
                                  "--cached",     "--others", "--exclude-standard", "--full-name", "--"};
    std::error_code ec;
    if (!fs::exists("/usr/bin/git", ec))
        return std::nullopt;
    for (const fs::path& root : roots)
        argv.push_back(base::relative_to(root, project_dir));
    auto result = runner.run({argv, project_dir, std::chrono::seconds(60), false});
    if (!result || result->exit_code != 0)
        return std::nullopt;
    // --full-name paths are relative to the top of the work tree.
    auto top = runner.run({{"/usr/bin/git", "-C", project_dir.string(), "rev-parse", "--show-toplevel"},
                           project_dir,
                           std::chrono::seconds(60),
                           false});
    if (!top || top->exit_code != 0)
        return std::nullopt;
    fs::path top_dir = std::string(base::trim(top->stdout_text));
    std::set<std::string> files;
    std::string_view listing = result->stdout_text;
    while (!listing.empty()) {
        size_t end = listing.find('\0');
        std::string_view entry = listing.substr(0, end);
        if (entry.ends_with(".py")) {
            fs::path file = top_dir / std::string(entry);
            if (fs::is_regular_file(file, ec))
                files.insert(base::relative_to(file, project_dir));
        }
        listing.remove_prefix(end == std::string_view::npos ? listing.size() : end + 1);
    }
    return files;
}

}  // namespace

bool in_scope(const std::string& path, const std::string& root, const FileScope& scope) {
    std::string prefix = root == "." || root.empty() ? "" : root + "/";
    std::string below = path.starts_with(prefix) ? path.substr(prefix.size()) : path;
    auto matches = [&](const std::string& pattern) {
        std::string_view trimmed = pattern;
        while (trimmed.size() > 1 && trimmed.back() == '/')
            trimmed.remove_suffix(1);
        bool anchored = trimmed.find('/') != std::string_view::npos;
        return base::path_matches(pattern, anchored ? path : below);
    };
    if (std::any_of(scope.exclude.begin(), scope.exclude.end(), matches))
        return false;
    return scope.include.empty() || std::any_of(scope.include.begin(), scope.include.end(), matches);
}

Expected<std::vector<std::string>> project_files(const fs::path& project_dir,
                                                 const std::vector<fs::path>& roots,
                                                 base::ProcessRunner& runner, const FileScope& scope) {
    std::error_code ec;
    for (const fs::path& root : roots)
        if (!fs::exists(root, ec))
            return make_error("no such file or directory", root.string());
    std::set<std::string> files;
    bool all_directories = std::all_of(roots.begin(), roots.end(),
                                       [&](const fs::path& root) { return fs::is_directory(root, ec); });
    // A project inside a folder its repository ignores (a copy under build/)
    // lists nothing: it is walked like a project outside git.
    auto listed = all_directories ? git_files(project_dir, roots, runner) : std::nullopt;
    if (listed && !listed->empty()) {
        for (const std::string& file : *listed) {
            fs::path relative(file);
            bool hidden = std::any_of(relative.begin(), std::prev(relative.end()),
                                      [](const fs::path& part) { return skipped_directory(part); });
            if (!hidden)
                files.insert(file);
        }
    } else {
        for (const fs::path& root : roots)
            walk(root, project_dir, files);
    }
    std::vector<std::string> relative_roots;
    for (const fs::path& root : roots)
        relative_roots.push_back(base::relative_to(root, project_dir));
    std::vector<std::string> kept;
    for (const std::string& file : files) {
        auto root = std::find_if(relative_roots.begin(), relative_roots.end(), [&](const std::string& r) {
            return r == "." || r.empty() || file == r || file.starts_with(r + "/");
        });
        if (in_scope(file, root == relative_roots.end() ? "." : *root, scope))
            kept.push_back(file);
    }
    return kept;
}

namespace {

/// "./src/" -> "src", "." -> "".
std::string normal_root(std::string root) {
    while (root.starts_with("./"))
        root.erase(0, 2);
    while (!root.empty() && root.back() == '/')
        root.pop_back();
    return root == "." ? "" : root;
}

}  // namespace

std::string module_for_path(const std::string& path, const std::vector<std::string>& roots) {
    if (!path.ends_with(".py"))
        return {};
    // The most specific root holding the file names it, whatever the order of
    // `roots` ("src" before "." for src/pkg/mod.py).
    std::optional<std::string> best;
    for (const std::string& given : roots) {
        std::string root = normal_root(given);
        std::string prefix = root.empty() ? "" : root + "/";
        if (path.starts_with(prefix) && (!best || root.size() > best->size()))
            best = root;
    }
    if (!best)
        return {};
    size_t start = best->empty() ? 0 : best->size() + 1;
    std::string rest = path.substr(start, path.size() - start - 3);
    if (rest == "__init__")
        return {};
    if (rest.ends_with("/__init__"))
        rest.resize(rest.size() - 9);
    std::replace(rest.begin(), rest.end(), '/', '.');
    return rest;
}

std::string absolute_module(const std::string& importer, bool importer_is_package, uint32_t level,
                            const std::string& module) {
    if (level == 0)
        return module;
    std::string package = importer;
    if (!importer_is_package)
        package = package.substr(0, package.rfind('.') == std::string::npos ? 0 : package.rfind('.'));
    for (uint32_t up = 1; up < level && !package.empty(); ++up)
        package = package.substr(0, package.rfind('.') == std::string::npos ? 0 : package.rfind('.'));
    if (package.empty())
        return module;
    return module.empty() ? package : package + "." + module;
}

}  // namespace lmms::python

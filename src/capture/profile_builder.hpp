#pragma once
/// Turns the raw captures of `lmms profile` into the Profile model (pure):
/// per-module statistics over runs, the import graph with its sites, retained
/// costs from the dominator tree, attribution to project modules, and the
/// cold start with parts that add up.

#include <filesystem>
#include <vector>

#include "capture/profiler.hpp"
#include "model/profile.hpp"

namespace lmms::capture {

struct ProjectLayout {
    std::filesystem::path project_dir;             ///< absolute
    std::vector<std::filesystem::path> src_roots;  ///< absolute
};

/// True when `file` belongs to the project: under a source root, and not in a
/// site-packages/dist-packages folder or a hidden folder (e.g. .venv) there.
bool is_project_file(const std::filesystem::path& file, const ProjectLayout& layout);

model::Profile build_profile(const Captures& captures, const ProjectLayout& layout);

}  // namespace lmms::capture

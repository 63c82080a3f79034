#pragma once
/// Names each profiled import site by its statement, read with the scanner
/// from the project's own files.

#include <filesystem>

#include "model/profile.hpp"

namespace lmms::capture {

/// Sets ImportSite::statement for every site whose file can be read; a site
/// inside a multi-line statement gets that statement.
void attach_statements(model::Profile& profile, const std::filesystem::path& project_dir);

}  // namespace lmms::capture

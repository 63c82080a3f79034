#pragma once
/// Path patterns as `include` / `exclude` in [tool.lmms] take them, with the
/// conventions of .gitignore and ruff's `exclude`: `*` and `?` stay inside one
/// path component, `**` spans any number of them, a trailing `/` is ignored.
/// A pattern without a `/` matches any component (`tests` leaves out every
/// folder named tests); one with a `/` is anchored at the project root. A
/// pattern that matches a folder matches everything under it.

#include <string_view>

namespace lmms::base {

/// Whether `path` (project-relative, '/'-separated) or one of its folders matches `pattern`.
bool path_matches(std::string_view pattern, std::string_view path);

/// Whether `text` matches `pattern` whole (`*`, `?` never match '/'; `**` does).
bool glob_match(std::string_view pattern, std::string_view text);

}  // namespace lmms::base

#pragma once
/// `[tool.lmms]` in pyproject.toml, or the top level of lmms.toml. Parsing is
/// pure; unknown keys are errors naming the file and line.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace lmms::config {

enum class ConfigFormat { pyproject, lmms_toml };

struct Config {
    std::filesystem::path file;  ///< where it was read from; empty when none
    std::optional<std::string> entry;
    std::optional<std::string> python;
    std::vector<std::string> src;
    std::optional<int> runs;
    std::optional<double> timeout_seconds;
    std::optional<std::string> events;
    std::optional<std::string> commands;
    std::optional<std::string> kind_key;  ///< the event field naming an event's kind (lmms usage)
};

/// Parses a configuration file's text; `file_name` is used in messages.
Expected<Config> parse_config(std::string_view text, const std::string& file_name, ConfigFormat format);

/// The nearest directory at or above `start` holding lmms.toml or a
/// pyproject.toml with a [tool.lmms] table; `start` itself when there is none.
std::filesystem::path find_project_root(const std::filesystem::path& start);

/// Reads lmms.toml or pyproject.toml in `project_dir`; an empty Config when neither exists.
Expected<Config> load_config(const std::filesystem::path& project_dir);

}  // namespace lmms::config

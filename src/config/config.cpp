#include "config/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <array>
#include <tuple>

#include "base/files.hpp"
#include "base/strings.hpp"
#include "python/annotation_consumers.hpp"

namespace lmms::config {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 19> k_keys = {"annotation-consumers",
                                                     "commands",
                                                     "entry",
                                                     "events",
                                                     "exclude",
                                                     "extend-exclude",
                                                     "fast-path",
                                                     "fast-path-tolerance",
                                                     "fast-path-tolerance-ms",
                                                     "include",
                                                     "kind-key",
                                                     "python",
                                                     "runs",
                                                     "src",
                                                     "targets",
                                                     "thresholds",
                                                     "timeout",
                                                     "tolerance",
                                                     "traffic"};
constexpr std::array<std::string_view, 3> k_threshold_keys = {"fast-ms", "heavy-ms", "hot-usage"};
constexpr std::array<std::string_view, 8> k_target_keys = {
    "cold-start-excellent-ms", "cold-start-ms",  "fast-path-excellent-ms",  "fast-path-ms", "improvement",
    "improvement-excellent",   "module-imports", "module-imports-excellent"};
constexpr std::array<std::string_view, 2> k_traffic_keys = {"cold-start-rate", "requests-per-day"};

std::string where(const std::string& file, const toml::node& node) {
    return fmt::format("{}:{}", file, node.source().begin.line);
}

Expected<std::string> as_string(const std::string& file, std::string_view key, const toml::node& node) {
    if (auto value = node.value<std::string>())
        return *value;
    return make_error(fmt::format("`{}` must be a string", key), where(file, node));
}

Expected<std::vector<std::string>> as_string_list(const std::string& file, std::string_view key,
                                                  const toml::node& node) {
    if (auto value = node.value<std::string>())
        return std::vector<std::string>{*value};
    const toml::array* array = node.as_array();
    if (array == nullptr)
        return make_error(fmt::format("`{}` must be a string or a list of strings", key), where(file, node));
    std::vector<std::string> items;
    for (const toml::node& item : *array)
        items.push_back(LMMS_TRY(as_string(file, key, item)));
    return items;
}

Expected<double> as_positive_number(const std::string& file, std::string_view key, const toml::node& node) {
    std::optional<double> value = node.value<double>();
    if (!value || *value <= 0)
        return make_error(fmt::format("`{}` must be a positive number", key), where(file, node));
    return *value;
}

Expected<double> as_number_in(const std::string& file, std::string_view key, const toml::node& node,
                              double low, double high, std::string_view range) {
    std::optional<double> value = node.value<double>();
    if (!value || *value <= low || *value > high)
        return make_error(fmt::format("`{}` must be a number {}", key, range), where(file, node));
    return *value;
}

/// Checks a table's keys against `known`, naming the closest on a typo.
template <size_t N>
Expected<void> check_keys(const std::string& file, const toml::table& table, std::string_view table_name,
                          const std::array<std::string_view, N>& known) {
    for (const auto& [key, node] : table) {
        std::string_view name = key.str();
        if (std::find(known.begin(), known.end(), name) != known.end())
            continue;
        std::string hint;
        if (auto match = base::closest_match(name, known))
            hint = fmt::format("; did you mean `{}`?", *match);
        return make_error(fmt::format("unknown key `{}` in {}{}", name, table_name, hint), where(file, node));
    }
    return {};
}

Expected<const toml::table*> as_table(const std::string& file, std::string_view key, const toml::node& node) {
    if (const toml::table* table = node.as_table())
        return table;
    return make_error(fmt::format("`{}` must be a table ([tool.lmms.{}])", key, key), where(file, node));
}

/// `annotation-consumers = ["mylib.Model", "*.route"]`: more runtime readers of annotations.
Expected<void> apply_annotation_consumers(Config& config, const std::string& file, const toml::node& node) {
    const toml::array* array = node.as_array();
    if (array == nullptr)
        return make_error("`annotation-consumers` must be a list of strings", where(file, node));
    for (const toml::node& item : *array) {
        std::string name = LMMS_TRY(as_string(file, "annotation-consumers", item));
        if (!python::valid_consumer_name(name))
            return make_error(fmt::format("`annotation-consumers`: \"{}\" is not a dotted name like "
                                          "\"mylib.Model\" or \"*.route\"",
                                          name),
                              where(file, item));
        config.annotation_consumers.push_back(std::move(name));
    }
    return {};
}

Expected<void> apply_thresholds(Thresholds& thresholds, const std::string& file, const toml::node& node) {
    const toml::table* table = LMMS_TRY(as_table(file, "thresholds", node));
    LMMS_TRY_VOID(check_keys(file, *table, "[tool.lmms.thresholds]", k_threshold_keys));
    if (const toml::node* value = table->get("fast-ms"))
        thresholds.fast_ms = LMMS_TRY(as_positive_number(file, "fast-ms", *value));
    if (const toml::node* value = table->get("heavy-ms"))
        thresholds.heavy_ms = LMMS_TRY(as_positive_number(file, "heavy-ms", *value));
    if (const toml::node* value = table->get("hot-usage"))
        thresholds.hot_usage =
            LMMS_TRY(as_number_in(file, "hot-usage", *value, -1e-9, 100, "from 0 to 100 (a percentage)"));
    if (thresholds.heavy_ms < thresholds.fast_ms)
        return make_error("`heavy-ms` must not be below `fast-ms`", where(file, node));
    return {};
}

Expected<void> apply_traffic(Traffic& traffic, const std::string& file, const toml::node& node) {
    const toml::table* table = LMMS_TRY(as_table(file, "traffic", node));
    LMMS_TRY_VOID(check_keys(file, *table, "[tool.lmms.traffic]", k_traffic_keys));
    if (const toml::node* value = table->get("requests-per-day"))
        traffic.requests_per_day = LMMS_TRY(as_positive_number(file, "requests-per-day", *value));
    if (const toml::node* value = table->get("cold-start-rate"))
        traffic.cold_start_rate = LMMS_TRY(as_number_in(file, "cold-start-rate", *value, 0, 1,
                                                        "above 0 and at most 1 (cold starts / requests)"));
    traffic.configured = true;
    return {};
}

/// A target and its excellent bound; `excellent` must be the stricter.
struct TargetKeys {
    std::string_view target, excellent;
    double Targets::*target_field;
    double Targets::*excellent_field;
    bool higher_is_better;
};

Expected<void> apply_targets(Targets& targets, const std::string& file, const toml::node& node) {
    const toml::table* table = LMMS_TRY(as_table(file, "targets", node));
    LMMS_TRY_VOID(check_keys(file, *table, "[tool.lmms.targets]", k_target_keys));
    constexpr std::array<TargetKeys, 4> k_pairs = {{
        {"cold-start-ms", "cold-start-excellent-ms", &Targets::cold_start_ms,
         &Targets::cold_start_excellent_ms, false},
        {"fast-path-ms", "fast-path-excellent-ms", &Targets::fast_path_ms, &Targets::fast_path_excellent_ms,
         false},
        {"module-imports", "module-imports-excellent", &Targets::module_imports,
         &Targets::module_imports_excellent, false},
        {"improvement", "improvement-excellent", &Targets::improvement, &Targets::improvement_excellent,
         true},
    }};
    for (const TargetKeys& pair : k_pairs) {
        const toml::node* target = table->get(pair.target);
        const toml::node* excellent = table->get(pair.excellent);
        for (auto [node, key, field] : {std::tuple{target, pair.target, pair.target_field},
                                        std::tuple{excellent, pair.excellent, pair.excellent_field}}) {
            if (node == nullptr)
                continue;
            targets.*field = pair.higher_is_better
                                 ? LMMS_TRY(as_number_in(file, key, *node, 0, 100, "above 0 and at most 100"))
                                 : LMMS_TRY(as_positive_number(file, key, *node));
        }
        double& target_value = targets.*pair.target_field;
        double& excellent_value = targets.*pair.excellent_field;
        bool looser = pair.higher_is_better ? excellent_value < target_value : excellent_value > target_value;
        if (!looser)
            continue;
        // One bound given: the default of the other follows it. Both given: they must agree.
        if (target == nullptr)
            target_value = excellent_value;
        else if (excellent == nullptr)
            excellent_value = target_value;
        else
            return make_error(
                fmt::format("`{}` ({:g}) must be {} `{}` ({:g})", pair.excellent, excellent_value,
                            pair.higher_is_better ? "at least" : "at most", pair.target, target_value),
                where(file, *excellent));
    }
    return {};
}

Expected<void> apply_key(Config& config, const std::string& file, std::string_view key,
                         const toml::node& node) {
    if (key == "thresholds")
        return apply_thresholds(config.thresholds, file, node);
    if (key == "traffic")
        return apply_traffic(config.traffic, file, node);
    if (key == "targets")
        return apply_targets(config.targets, file, node);
    if (key == "tolerance") {
        std::optional<double> tolerance = node.value<double>();
        if (!tolerance || *tolerance < 0 || *tolerance > 1000)
            return make_error("`tolerance` must be a number from 0 to 1000 (percent)", where(file, node));
        config.tolerance = *tolerance;
        return {};
    }
    if (key == "fast-path") {
        config.fast_path = LMMS_TRY(as_string(file, key, node));
        return {};
    }
    if (key == "fast-path-tolerance" || key == "fast-path-tolerance-ms") {
        std::optional<double> value = node.value<double>();
        if (!value || *value < 0 || *value > 1000)
            return make_error(fmt::format("`{}` must be a number from 0 to 1000 ({})", key,
                                          key == "fast-path-tolerance" ? "percent" : "milliseconds"),
                              where(file, node));
        (key == "fast-path-tolerance" ? config.fast_path_tolerance.percent : config.fast_path_tolerance.ms) =
            *value;
        return {};
    }
    if (key == "annotation-consumers")
        return apply_annotation_consumers(config, file, node);
    if (key == "entry")
        config.entry = LMMS_TRY(as_string(file, key, node));
    else if (key == "python")
        config.python = LMMS_TRY(as_string(file, key, node));
    else if (key == "src") {
        config.src = LMMS_TRY(as_string_list(file, key, node));
        config.src_line = static_cast<int>(node.source().begin.line);
    } else if (key == "include")
        config.include = LMMS_TRY(as_string_list(file, key, node));
    else if (key == "exclude")
        config.exclude = LMMS_TRY(as_string_list(file, key, node));
    else if (key == "extend-exclude")
        config.extend_exclude = LMMS_TRY(as_string_list(file, key, node));
    else if (key == "events")
        config.events = LMMS_TRY(as_string(file, key, node));
    else if (key == "commands")
        config.commands = LMMS_TRY(as_string(file, key, node));
    else if (key == "kind-key")
        config.kind_key = LMMS_TRY(as_string(file, key, node));
    else if (key == "timeout")
        config.timeout_seconds = LMMS_TRY(as_positive_number(file, key, node));
    else if (key == "runs") {
        std::optional<int64_t> runs = node.value<int64_t>();
        if (!runs || *runs < 1 || *runs > 10'000)
            return make_error("`runs` must be an integer from 1 to 10000", where(file, node));
        config.runs = static_cast<int>(*runs);
    }
    return {};
}

/// pyproject.toml's `[tool.lmms]`; null when there is none. `[tool] lmms = 5`
/// or `tool = 5` is an error, not an absent configuration.
Expected<const toml::table*> tool_lmms_table(const toml::table& document, const std::string& file) {
    const toml::node* tool = document.get("tool");
    if (tool == nullptr)
        return nullptr;
    if (!tool->is_table())
        return make_error("`tool` must be a table ([tool])", where(file, *tool));
    const toml::node* lmms = tool->as_table()->get("lmms");
    if (lmms == nullptr)
        return nullptr;
    if (!lmms->is_table())
        return make_error("`lmms` in [tool] must be a table ([tool.lmms])", where(file, *lmms));
    return lmms->as_table();
}

}  // namespace

Expected<Config> parse_config(std::string_view text, const std::string& file_name, ConfigFormat format) {
    toml::table document;
    try {
        document = toml::parse(text, file_name);
    } catch (const toml::parse_error& error) {
        return make_error(fmt::format("invalid TOML: {}", error.description()),
                          fmt::format("{}:{}", file_name, error.source().begin.line));
    }
    Config config;
    config.file = file_name;
    const toml::table* table = &document;
    if (format == ConfigFormat::pyproject) {
        table = LMMS_TRY(tool_lmms_table(document, file_name));
        if (auto requires_python = document["project"]["requires-python"].value<std::string>())
            config.requires_python = *requires_python;
    }
    if (table == nullptr)
        return config;
    LMMS_TRY_VOID(check_keys(file_name, *table, "the LMMS configuration", k_keys));
    for (const auto& [key, node] : *table)
        LMMS_TRY_VOID(apply_key(config, file_name, key.str(), node));
    return config;
}

namespace {

bool has_lmms_table(const fs::path& pyproject) {
    auto text = base::read_file(pyproject);
    return text && text->find("[tool.lmms") != std::string::npos;
}

}  // namespace

fs::path find_project_root(const fs::path& start) {
    std::error_code ec;
    fs::path absolute = fs::absolute(start, ec);
    for (fs::path dir = absolute; !dir.empty(); dir = dir.parent_path()) {
        if (fs::exists(dir / "lmms.toml", ec) || has_lmms_table(dir / "pyproject.toml"))
            return dir;
        if (dir == dir.root_path())
            break;
    }
    return absolute;
}

Expected<Config> load_config(const fs::path& project_dir) {
    std::error_code ec;
    for (auto [name, format] : {std::pair{"lmms.toml", ConfigFormat::lmms_toml},
                                std::pair{"pyproject.toml", ConfigFormat::pyproject}}) {
        fs::path file = project_dir / name;
        if (!fs::exists(file, ec))
            continue;
        std::string text = LMMS_TRY(base::read_file(file));
        return parse_config(text, name, format);
    }
    return Config{};
}

std::vector<std::string> excluded_patterns(const Config& config) {
    std::vector<std::string> patterns = config.exclude.value_or(default_exclude());
    patterns.insert(patterns.end(), config.extend_exclude.begin(), config.extend_exclude.end());
    return patterns;
}

}  // namespace lmms::config

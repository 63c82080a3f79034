#include "capture/importtime_parser.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/strings.hpp"

namespace lmms::capture {

namespace {

constexpr std::string_view k_marker = "import time:";

/// Module names are usually dotted identifiers, but a module loaded by file
/// name can hold other characters (Debian's `_sysconfigdata__x86_64-linux-gnu`):
/// accept any name without blanks or '|' that does not start or end with a dot.
bool is_module_name(std::string_view name) {
    if (name.empty() || name.front() == '.' || name.back() == '.')
        return false;
    return std::none_of(name.begin(), name.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '|' || static_cast<unsigned char>(c) < 0x20;
    });
}

struct Field {
    int64_t value = 0;
    bool cached = false;
    bool valid = false;
};

Field parse_time_field(std::string_view text) {
    text = base::trim(text);
    if (text == "cached")
        return {0, true, true};
    if (auto value = base::parse_int(text))
        return {*value, false, true};
    return {};
}

class Parser {
public:
    explicit Parser(ImportTimeLog& log) : m_log(log) {}

    void line(std::string_view text, uint32_t number, bool complete) {
        size_t marker = text.find(k_marker);
        if (marker == std::string_view::npos) {
            keep_other(text);
            return;
        }
        // Text before the marker is the application's, written without a newline.
        std::string_view prefix = text.substr(0, marker);
        std::string_view body = text.substr(marker + k_marker.size());
        bool header = base::trim(body).starts_with("self [us]");
        if (!header && !complete) {
            keep_prefix(prefix);
            diagnose(number, "truncated last line ignored");
        } else if (header || record(body, number)) {
            keep_prefix(prefix);
        } else {
            // Not a record after all: perhaps the application printed it.
            keep_other(text);
            diagnose(number, "garbled importtime line kept as application output");
        }
    }

    void finish() {
        // Records still waiting for a parent were top-level, or lost theirs to a
        // garbled line; either way they stay roots.
        m_pending.clear();
    }

private:
    void keep_other(std::string_view text) {
        m_log.other_output.append(text);
        m_log.other_output.push_back('\n');
    }

    void keep_prefix(std::string_view prefix) {
        if (!prefix.empty())
            keep_other(prefix);
    }

    void diagnose(uint32_t number, std::string message) {
        m_log.diagnostics.push_back({number, std::move(message)});
    }

    /// Adds the record in `body`; false when it is not shaped like one.
    bool record(std::string_view body, uint32_t number) {
        size_t first_bar = body.find('|');
        size_t second_bar = first_bar == std::string_view::npos ? first_bar : body.find('|', first_bar + 1);
        if (second_bar == std::string_view::npos)
            return false;
        std::string_view tree = body.substr(second_bar + 1);
        size_t indent = tree.find_first_not_of(' ');
        std::string_view name = indent == std::string_view::npos ? "" : base::trim(tree.substr(indent));
        if (!is_module_name(name) || indent == 0)
            return false;
        ImportRecord record;
        record.name = std::string(name);
        record.depth = static_cast<int32_t>((indent - 1) / 2);
        record.line = number;
        Field self = parse_time_field(body.substr(0, first_bar));
        Field cumulative = parse_time_field(body.substr(first_bar + 1, second_bar - first_bar - 1));
        if (!self.valid || !cumulative.valid)
            diagnose(number, fmt::format("unreadable time for {}; counted as 0", record.name));
        record.cached = self.cached && cumulative.cached;
        if (self.cached != cumulative.cached)
            diagnose(number,
                     fmt::format("only one time of {} is `cached`; counted as imported", record.name));
        record.self_us = clamp(self.value, number, record.name);
        record.cumulative_us = clamp(cumulative.value, number, record.name);
        adopt_children(record.depth, static_cast<int32_t>(m_log.records.size()));
        m_log.records.push_back(std::move(record));
        return true;
    }

    int64_t clamp(int64_t value, uint32_t number, const std::string& name) {
        if (value >= 0)
            return value;
        diagnose(number, fmt::format("negative time {} for {}; counted as 0", value, name));
        return 0;
    }

    /// Everything pending deeper than `depth` finished inside this record.
    void adopt_children(int32_t depth, int32_t index) {
        auto level = static_cast<size_t>(depth);
        for (size_t deeper = level + 1; deeper < m_pending.size(); ++deeper) {
            for (int32_t child : m_pending[deeper])
                m_log.records[static_cast<size_t>(child)].parent = index;
            m_pending[deeper].clear();
        }
        if (m_pending.size() <= level)
            m_pending.resize(level + 1);
        m_pending[level].push_back(index);
    }

    ImportTimeLog& m_log;
    std::vector<std::vector<int32_t>> m_pending;  ///< by depth: records awaiting a parent
};

}  // namespace

ImportTimeLog parse_importtime(std::string_view text) {
    ImportTimeLog log;
    Parser parser(log);
    uint32_t number = 0;
    while (!text.empty()) {
        size_t end = text.find('\n');
        bool complete = end != std::string_view::npos;
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        parser.line(line, ++number, complete);
        text.remove_prefix(complete ? end + 1 : text.size());
    }
    parser.finish();
    return log;
}

}  // namespace lmms::capture

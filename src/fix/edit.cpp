// Line edits over the bytes as read: the fixer never re-encodes a line it
// does not change.

#include "fix/edit.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace lmms::fix {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

}  // namespace

SourceLines::SourceLines(std::string_view bytes) {
    if (bytes.starts_with(k_bom)) {
        m_bom = bytes.substr(0, k_bom.size());
        bytes.remove_prefix(k_bom.size());
    }
    std::array<size_t, 3> endings{};  // \n, \r\n, \r
    size_t start = 0;
    while (start < bytes.size()) {
        size_t end = bytes.find_first_of("\r\n", start);
        if (end == std::string_view::npos) {
            m_lines.push_back({bytes.substr(start), {}});
            break;
        }
        size_t width = bytes[end] == '\r' && end + 1 < bytes.size() && bytes[end + 1] == '\n' ? 2 : 1;
        std::string_view ending = bytes.substr(end, width);
        ++endings[ending == "\n" ? 0 : ending == "\r\n" ? 1 : 2];
        m_lines.push_back({bytes.substr(start, end - start), ending});
        start = end + width;
    }
    if (endings[1] > endings[0] && endings[1] >= endings[2])
        m_newline = "\r\n";
    else if (endings[2] > endings[0] && endings[2] > endings[1])
        m_newline = "\r";
}

std::string_view SourceLines::line(uint32_t number) const {
    return number >= 1 && number <= m_lines.size() ? m_lines[number - 1].text : std::string_view();
}

std::string_view SourceLines::indentation(uint32_t number) const {
    std::string_view text = line(number);
    return text.substr(0, std::min(text.find_first_not_of(" \t\f"), text.size()));
}

Expected<std::string> SourceLines::apply(std::vector<Edit> edits) const {
    std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
        if (a.first_line != b.first_line)
            return a.first_line < b.first_line;
        bool a_inserts = a.first_line == a.end_line;
        bool b_inserts = b.first_line == b.end_line;
        if (a_inserts != b_inserts)
            return a_inserts;  // lines inserted before a line go before its replacement
        return a.order < b.order;
    });
    std::string out(m_bom);
    uint32_t next = 1;  // the first line not yet copied
    auto copy_until = [&](uint32_t line) {
        for (; next < line && next <= m_lines.size(); ++next) {
            out += m_lines[next - 1].text;
            out += m_lines[next - 1].ending;
        }
    };
    for (const Edit& edit : edits) {
        if (edit.first_line < next || edit.end_line < edit.first_line || edit.first_line == 0)
            return make_error(fmt::format("overlapping edits at line {}", edit.first_line));
        copy_until(edit.first_line);
        if (!edit.lines.empty() && out.size() > m_bom.size() && out.back() != '\n' && out.back() != '\r')
            out += m_newline;  // after a last line that had no ending
        for (const std::string& text : edit.lines) {
            out += text;
            out += m_newline;
        }
        next = std::max(next, edit.end_line);
    }
    copy_until(static_cast<uint32_t>(m_lines.size() + 1));
    return out;
}

void absorb_blank_line(const SourceLines& lines, Edit& removal) {
    if (!removal.lines.empty() || removal.end_line > lines.count())
        return;
    bool before = removal.first_line == 1 || lines.blank(removal.first_line - 1);
    if (before && lines.blank(removal.end_line))
        ++removal.end_line;
}

}  // namespace lmms::fix

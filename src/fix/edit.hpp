#pragma once
/// Edits of one file's lines (pure): what the fixer applies. An edit replaces
/// whole lines of the file as it was read, or inserts lines before one, so a
/// line no edit names is copied byte for byte, its encoding, BOM and line
/// ending untouched.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace lmms::fix {

/// As ruff: a safe fix keeps what the program does; an unsafe one may not,
/// and is applied only with --unsafe-fixes.
enum class Applicability : uint8_t { safe, unsafe };

struct Edit {
    uint32_t first_line = 0;         ///< from 1
    uint32_t end_line = 0;           ///< exclusive; == first_line for an insertion before first_line
    std::vector<std::string> lines;  ///< the new lines, without line endings, in the file's encoding
    uint32_t order = 0;              ///< insertions at the same place go by this (the site's line)
    /// Lines several fixes of a file need once (`import importlib.util`, a module `__getattr__`):
    /// of the shared edits with the same lines, the fixer writes the first only.
    bool shared = false;
};

/// A file's bytes as lines, each with its own ending kept.
class SourceLines {
public:
    explicit SourceLines(std::string_view bytes);

    size_t count() const { return m_lines.size(); }
    /// Line `number` (from 1) without its ending; empty past the end.
    std::string_view line(uint32_t number) const;
    /// The leading spaces and tabs of line `number`.
    std::string_view indentation(uint32_t number) const;
    /// Whether line `number` holds only spaces and tabs (or is past the end).
    bool blank(uint32_t number) const {
        return line(number).find_first_not_of(" \t\f") == std::string_view::npos;
    }
    /// What the file's lines mostly end with: "\n", "\r\n" or "\r".
    std::string_view newline() const { return m_newline; }

    /// The file with `edits` applied. Fails when two edits overlap.
    Expected<std::string> apply(std::vector<Edit> edits) const;

private:
    struct Line {
        std::string_view text;
        std::string_view ending;
    };
    std::string_view m_bom;
    std::vector<Line> m_lines;
    std::string_view m_newline = "\n";
};

/// A removal between two blank lines takes one of them along, so removing
/// an import does not leave a double gap (blank lines are not statements).
void absorb_blank_line(const SourceLines& lines, Edit& removal);

}  // namespace lmms::fix

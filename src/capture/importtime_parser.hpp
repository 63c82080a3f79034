#pragma once
/// Parser for CPython's `-X importtime` log (pure: text in, records out).
///
/// CPython prints one line per first import, after the import finishes, so a
/// module's children come before it:  `import time: <self> | <cumulative> | <2·depth spaces><name>`.
/// Times are microseconds. 3.14's `-X importtime=2` adds `cached | cached` lines
/// for modules already imported. Lines that are not importtime lines (the
/// application's own stderr) are kept apart, even when one shares a line with
/// an importtime record because the application wrote no newline.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lmms::capture {

inline constexpr int32_t k_no_parent = -1;

struct ImportRecord {
    std::string name;
    int64_t self_us = 0;
    int64_t cumulative_us = 0;
    int32_t depth = 0;
    int32_t parent = k_no_parent;  ///< index of the enclosing import's record
    bool cached = false;           ///< `-X importtime=2`: already imported, no cost
    uint32_t line = 0;             ///< 1-based line in the log
};

struct LogDiagnostic {
    uint32_t line = 0;
    std::string message;
};

struct ImportTimeLog {
    std::vector<ImportRecord> records;  ///< in log order: children before their parent
    std::string other_output;           ///< everything that is not an importtime record
    std::vector<LogDiagnostic> diagnostics;
};

ImportTimeLog parse_importtime(std::string_view text);

}  // namespace lmms::capture

#pragma once
/// Workloads that `lmms usage` runs (pure parsing): the events of a handler
/// (JSON Lines) or the command lines of a command-line program.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace lmms::capture {

struct Event {
    uint32_t line = 0;  ///< in the events file
    std::string kind;   ///< the --kind-key field's value, or the event's shape
};

/// Every non-blank line must be one JSON value: the first that is not stops
/// everything (`events.jsonl:17: invalid JSON: …`). With `kind_key` (a
/// field name, or a dotted path such as `requestContext.routeKey`), an
/// event's kind is that field's value; without it, the event's shape: its
/// keys, and those of the objects directly inside it.
Expected<std::vector<Event>> parse_events(std::string_view text, const std::string& file_name,
                                          const std::string& kind_key);

struct Command {
    uint32_t line = 0;              ///< in the commands file
    std::string text;               ///< as written
    std::vector<std::string> args;  ///< after the interpreter: `-m`, module, arguments; or script, arguments
    std::string kind;               ///< the module or script and its first argument that is not an option
};

/// One command per non-blank line, `#` lines are comments; words split as a
/// POSIX shell does (quotes, backslashes; no expansion). Each command is
/// `-m module [args...]` or `script.py [args...]`; a leading `python`,
/// `python3` or `python3.X` word is dropped.
Expected<std::vector<Command>> parse_commands(std::string_view text, const std::string& file_name);

/// Shell-style word splitting of one line, or an error message.
Expected<std::vector<std::string>> split_words(std::string_view line);

}  // namespace lmms::capture

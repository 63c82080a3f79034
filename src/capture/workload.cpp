#include "capture/workload.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace lmms::capture {

namespace {

using Json = nlohmann::json;

/// Lines of `text` with their numbers, without the line break (and a '\r' before it).
template <class Visit>
void for_each_line(std::string_view text, Visit visit) {
    uint32_t number = 0;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (!visit(++number, line))
            return;
        start = end + 1;
    }
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\f\v") == std::string_view::npos;
}

std::string value_text(const Json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

/// `{a, b: {c, d}, e: [{f}]}`: keys sorted, one level of nesting.
std::string shape(const Json& value, int depth) {
    if (value.is_array())
        return value.empty() ? "[]" : "[" + shape(value.front(), depth) + "]";
    if (!value.is_object())
        return depth == 0 ? value.type_name() : "";
    std::string text = "{";
    bool first = true;
    for (const auto& [key, item] : value.items()) {  // nlohmann::json keeps objects sorted by key
        text += first ? "" : ", ";
        first = false;
        text += key;
        if (depth == 0) {
            std::string inner = shape(item, depth + 1);
            if (!inner.empty())
                text += ": " + inner;
        }
    }
    return text + "}";
}

const Json* field(const Json& event, const std::string& path) {
    const Json* at = &event;
    size_t start = 0;
    while (true) {
        size_t dot = path.find('.', start);
        std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (at->is_object() && at->contains(part)) {
            at = &(*at)[part];
        } else if (at->is_array() && !part.empty() &&
                   std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                   std::stoul(part) < at->size()) {
            at = &(*at)[std::stoul(part)];
        } else {
            return nullptr;
        }
        if (dot == std::string::npos)
            return at;
        start = dot + 1;
    }
}

bool is_python_word(std::string_view word) {
    if (word == "python" || word == "python3")
        return true;
    return word.starts_with("python3.") &&
           std::all_of(word.begin() + 8, word.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
           word.size() > 8;
}

}  // namespace

Expected<std::vector<Event>> parse_events(std::string_view text, const std::string& file_name,
                                          const std::string& kind_key) {
    std::vector<Event> events;
    std::optional<Error> failure;
    for_each_line(text, [&](uint32_t number, std::string_view line) {
        if (blank(line))
            return true;
        Json event = Json::parse(line, nullptr, false);
        if (event.is_discarded()) {
            // Parse again with exceptions for the position and reason.
            std::string reason;
            try {
                Json again = Json::parse(line);
                (void)again;
            } catch (const Json::exception& error) {
                reason = error.what();
                if (size_t colon = reason.find(": ");
                    reason.starts_with("[json.exception") && colon != std::string::npos)
                    reason = reason.substr(colon + 2);
            }
            failure = Error{
                "invalid JSON: " + reason, fmt::format("{}:{}", file_name, number), {}, ErrorKind::input};
            return false;
        }
        Event parsed;
        parsed.line = number;
        if (kind_key.empty()) {
            parsed.kind = shape(event, 0);
        } else {
            const Json* value = field(event, kind_key);
            parsed.kind = value ? value_text(*value) : fmt::format("(no {})", kind_key);
        }
        events.push_back(std::move(parsed));
        return true;
    });
    if (failure)
        return tl::unexpected(std::move(*failure));
    if (events.empty())
        return make_error("no events: the file holds no JSON line", file_name);
    return events;
}

Expected<std::vector<std::string>> split_words(std::string_view line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (c == ' ' || c == '\t') {
            if (in_word)
                words.push_back(std::move(word));
            word.clear();
            in_word = false;
            continue;
        }
        in_word = true;
        if (c == '\\') {
            if (++i == line.size())
                return make_error("a backslash ends the line");
            word += line[i];
        } else if (c == '\'') {
            size_t close = line.find('\'', i + 1);
            if (close == std::string_view::npos)
                return make_error("unterminated single quote");
            word.append(line.substr(i + 1, close - i - 1));
            i = close;
        } else if (c == '"') {
            for (++i;; ++i) {
                if (i == line.size())
                    return make_error("unterminated double quote");
                if (line[i] == '"')
                    break;
                // Inside double quotes a backslash escapes only these.
                if (line[i] == '\\' && i + 1 < line.size() &&
                    std::string_view("\"\\$`").find(line[i + 1]) != std::string_view::npos)
                    ++i;
                word += line[i];
            }
        } else {
            word += c;
        }
    }
    if (in_word)
        words.push_back(std::move(word));
    return words;
}

Expected<std::vector<Command>> parse_commands(std::string_view text, const std::string& file_name) {
    std::vector<Command> commands;
    std::optional<Error> failure;
    for_each_line(text, [&](uint32_t number, std::string_view line) {
        std::string_view trimmed = line.substr(std::min(line.size(), line.find_first_not_of(" \t")));
        if (trimmed.empty() || trimmed.starts_with('#'))
            return true;
        std::string location = fmt::format("{}:{}", file_name, number);
        auto words = split_words(trimmed);
        if (!words) {
            failure = Error{words.error().message, location, {}, ErrorKind::input};
            return false;
        }
        Command command;
        command.line = number;
        command.text = std::string(trimmed);
        command.args = std::move(*words);
        if (!command.args.empty() && is_python_word(command.args.front()))
            command.args.erase(command.args.begin());
        const std::vector<std::string>& args = command.args;
        size_t target = 0;
        if (!args.empty() && args[0] == "-m") {
            if (args.size() < 2 || args[1].empty() || args[1].starts_with('-')) {
                failure = Error{"`-m` needs a module name", location, {}, ErrorKind::input};
                return false;
            }
            target = 1;
        } else if (args.empty() || !args[0].ends_with(".py")) {
            failure = Error{"a command is `-m module [args...]` or `script.py [args...]`", location,
                            "got: " + command.text, ErrorKind::input};
            return false;
        }
        command.kind = args[target];
        auto argument = std::find_if(args.begin() + static_cast<std::ptrdiff_t>(target) + 1, args.end(),
                                     [](const std::string& arg) { return !arg.starts_with('-'); });
        if (argument != args.end())
            command.kind += " " + *argument;
        commands.push_back(std::move(command));
        return true;
    });
    if (failure)
        return tl::unexpected(std::move(*failure));
    if (commands.empty())
        return make_error("no commands: the file holds no command line", file_name);
    return commands;
}

}  // namespace lmms::capture

#include "capture/replay.hpp"

#include <cctype>

#include <algorithm>

#include <fmt/format.h>

#include "base/strings.hpp"
#include "capture/probe_report.hpp"
#include "capture/probe_text.hpp"

namespace lmms::capture {

namespace fs = std::filesystem;

namespace {

constexpr size_t k_tail_lines = 5;
constexpr std::string_view k_tree_placeholder = "<tree>";

std::vector<std::string> probe_argv(const ReplayRequest& request, std::string_view mode) {
    return {request.python.string(), "-c", std::string(probe_source()), std::to_string(base::k_report_fd),
            std::string(mode)};
}

/// The tree's path as the child may print it: as given, and with symbolic links resolved.
std::vector<std::string> tree_spellings(const fs::path& tree) {
    std::vector<std::string> spellings{tree.string()};
    std::error_code error;
    fs::path canonical = fs::canonical(tree, error);
    if (!error && canonical != tree)
        spellings.push_back(canonical.string());
    return spellings;
}

void hide_tree(model::InvocationOutcome& outcome, std::span<const std::string> spellings) {
    for (std::string* text :
         {&outcome.result, &outcome.error_message, &outcome.stdout_text, &outcome.stderr_text})
        *text = hide_tree_root(std::move(*text), spellings);
}

std::string field(const std::vector<std::string>& fields, size_t index) {
    return index < fields.size() ? fields[index] : std::string();
}

/// "outcome NUMBER LATENCY RESULT_KIND RESULT ERROR_TYPE ERROR_MESSAGE [STDOUT STDERR]"
model::InvocationOutcome outcome_of(const std::vector<std::string>& fields) {
    model::InvocationOutcome outcome;
    outcome.number = static_cast<uint32_t>(base::parse_int(field(fields, 1)).value_or(0));
    outcome.latency_ns = base::parse_int(field(fields, 2)).value_or(0);
    outcome.result_is_json = field(fields, 3) == "json";
    outcome.result = field(fields, 4);
    outcome.error_type = field(fields, 5);
    outcome.error_message = field(fields, 6);
    outcome.stdout_text = field(fields, 7);
    outcome.stderr_text = field(fields, 8);
    return outcome;
}

/// "replay_import ERROR_TYPE ERROR_MESSAGE STDOUT STDERR": the entry's import as invocation 0.
model::InvocationOutcome import_outcome_of(const std::vector<std::string>& fields) {
    model::InvocationOutcome outcome;
    outcome.kind = "import of the entry";
    outcome.error_type = field(fields, 1);
    outcome.error_message = field(fields, 2);
    outcome.stdout_text = field(fields, 3);
    outcome.stderr_text = field(fields, 4);
    return outcome;
}

std::string ending_of(const base::ProcessResult& process, std::chrono::milliseconds timeout) {
    std::string text = "the process " + base::describe_exit(process, timeout);
    if (std::string tail = base::tail_lines(process.stderr_text, k_tail_lines); !tail.empty())
        text += "; its stderr ended with:\n" + tail;
    return text;
}

Expected<model::Replay> replay_events(const ReplayRequest& request, base::ProcessRunner& runner,
                                      const ReplayProgress& progress) {
    size_t total = request.events.size();
    progress("importing the entry", 0, total);
    std::vector<std::string> argv = probe_argv(request, "replay");
    argv.insert(argv.end(), {request.module, request.function, request.events_file.string()});
    for (const fs::path& root : request.src_roots)
        argv.push_back(root.string());
    base::SpawnRequest spawn{argv, request.tree, request.timeout, true};
    spawn.on_report_line = [&](const base::ReportLine& line) {
        if (!line.text.starts_with("outcome\t") && !line.text.starts_with("replay_import\t"))
            return;
        size_t done =
            line.text.starts_with("outcome\t")
                ? static_cast<size_t>(base::parse_int(split_report_fields(line.text)[1]).value_or(0))
                : 0;
        if (done < total)
            progress(fmt::format("event at line {}", request.events[done].line), done + 1, total);
    };
    base::ProcessResult process = LMMS_TRY(runner.run(spawn));
    model::Replay replay;
    replay.python_version = parse_probe_report(process.report).python_version;
    bool done = merge_replay_report(process.report, request.events, replay);
    bool import_failed = !replay.invocations.empty() && !replay.invocations.front().error_type.empty();
    if (!done && !import_failed) {
        replay.partial = true;
        size_t ran = replay.invocations.empty() ? 0 : replay.invocations.size() - 1;
        replay.partial_reason =
            fmt::format("after {} of {} events, {}", ran, total, ending_of(process, request.timeout));
    }
    std::vector<std::string> spellings = tree_spellings(request.tree);
    for (model::InvocationOutcome& outcome : replay.invocations)
        hide_tree(outcome, spellings);
    replay.partial_reason = hide_tree_root(std::move(replay.partial_reason), spellings);
    replay.entry_file = hide_tree_root(std::move(replay.entry_file), spellings);
    return replay;
}

Expected<model::Replay> replay_commands(const ReplayRequest& request, base::ProcessRunner& runner,
                                        const ReplayProgress& progress) {
    model::Replay replay;
    std::vector<std::string> spellings = tree_spellings(request.tree);
    for (size_t i = 0; i < request.commands.size(); ++i) {
        const Command& command = request.commands[i];
        progress(command.text, i + 1, request.commands.size());
        std::vector<std::string> argv = probe_argv(request, "replay-command");
        for (const fs::path& root : request.src_roots)
            argv.push_back(root.string());
        argv.push_back("--");
        argv.insert(argv.end(), command.args.begin(), command.args.end());
        base::ProcessResult process =
            LMMS_TRY(runner.run(base::SpawnRequest{argv, request.tree, request.timeout, true}));
        if (replay.python_version.empty())
            replay.python_version = parse_probe_report(process.report).python_version;
        if (process.timed_out) {
            replay.partial = true;
            replay.partial_reason =
                fmt::format("command {} of {} (line {}) {}", i + 1, request.commands.size(), command.line,
                            base::describe_exit(process, request.timeout));
            break;
        }
        model::InvocationOutcome outcome;
        for (const base::ReportLine& line : process.report)
            if (line.text.starts_with("outcome\t"))
                outcome = outcome_of(split_report_fields(line.text));
        outcome.number = static_cast<uint32_t>(i + 1);
        outcome.source_line = command.line;
        outcome.kind = command.kind;
        outcome.stdout_text = process.stdout_text;
        outcome.stderr_text = process.stderr_text;
        outcome.exit_code = process.exit_code;
        outcome.latency_ns = process.exited - process.spawned;
        hide_tree(outcome, spellings);
        replay.invocations.push_back(std::move(outcome));
    }
    return replay;
}

}  // namespace

namespace {

bool name_character(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '~' || c == '+' ||
           c == '@';
}

/// Whether text[at] goes on with the name a path before it ends with: /tmp/t-data,
/// /tmp/t.bak; not /tmp/t/a, "/tmp/t", or a sentence's full stop after /tmp/t.
bool continues_a_name(std::string_view text, size_t at) {
    if (at >= text.size())
        return false;
    if (text[at] == '.')
        return at + 1 < text.size() && (name_character(text[at + 1]) || text[at + 1] == '.');
    return name_character(text[at]);
}

}  // namespace

std::string hide_tree_root(std::string text, std::span<const std::string> tree_spellings) {
    // The longest first: one spelling may end another (/private/tmp/t and /tmp/t).
    std::vector<std::string> spellings(tree_spellings.begin(), tree_spellings.end());
    std::sort(spellings.begin(), spellings.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const std::string& spelling : spellings) {
        if (spelling.empty())
            continue;
        for (size_t at = text.find(spelling); at != std::string::npos;) {
            // Only the whole folder: /tmp/t in /tmp/t/a or "/tmp/t", not in /tmp/t-data.
            size_t after = at + spelling.size();
            if (continues_a_name(text, after)) {
                at = text.find(spelling, at + 1);
                continue;
            }
            text.replace(at, spelling.size(), k_tree_placeholder);
            at = text.find(spelling, at + k_tree_placeholder.size());
        }
    }
    return text;
}

bool merge_replay_report(std::span<const base::ReportLine> lines, std::span<const Event> events,
                         model::Replay& replay) {
    bool done = false;
    for (const base::ReportLine& line : lines) {
        std::vector<std::string> fields = split_report_fields(line.text);
        if (fields[0] == "replay_import") {
            replay.invocations.push_back(import_outcome_of(fields));
            replay.entry_file = field(fields, 5);
        } else if (fields[0] == "outcome") {
            model::InvocationOutcome outcome = outcome_of(fields);
            if (outcome.number >= 1 && outcome.number <= events.size()) {
                outcome.source_line = events[outcome.number - 1].line;
                outcome.kind = events[outcome.number - 1].kind;
            }
            replay.invocations.push_back(std::move(outcome));
        } else if (fields[0] == "done") {
            done = true;
        }
    }
    return done;
}

Expected<model::Replay> replay_workload(const ReplayRequest& request, base::ProcessRunner& runner,
                                        const ReplayProgress& progress) {
    return request.commands.empty() ? replay_events(request, runner, progress)
                                    : replay_commands(request, runner, progress);
}

}  // namespace lmms::capture

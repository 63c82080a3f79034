#include "capture/usage_capture.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "base/files.hpp"
#include "base/strings.hpp"
#include "capture/probe_text.hpp"

namespace lmms::capture {

namespace {

constexpr size_t k_tail_lines = 20;
constexpr size_t k_failure_tail_lines = 5;

std::vector<std::string> probe_argv(const UsageRequest& request, std::string_view mode) {
    return {request.python.string(), "-c", std::string(probe_source()), std::to_string(base::k_report_fd),
            std::string(mode)};
}

std::string output_tail(const base::ProcessResult& process) {
    std::string tail = base::tail_lines(process.stderr_text, k_tail_lines);
    if (tail.empty())
        tail = base::tail_lines(process.stdout_text, k_tail_lines);
    return tail.empty() ? std::string() : "the child's last output:\n" + tail;
}

/// How a failed command's process ended, and the end of its stderr.
std::string command_ending(const base::ProcessResult& process, std::chrono::milliseconds timeout) {
    std::string text = "the process " + base::describe_exit(process, timeout);
    if (std::string tail = base::tail_lines(process.stderr_text, k_failure_tail_lines); !tail.empty())
        text += "; its stderr ended with:\n" + tail;
    return text;
}

Error import_failure(const ProbeReport& report, const UsageRequest& request) {
    std::string detail;
    for (const std::string& line : report.failure->traceback)
        detail += line + "\n";
    return Error{fmt::format("entry `{}:{}` could not be loaded: {}: {}", request.module, request.function,
                             report.failure->type, report.failure->message),
                 {},
                 base::tail_lines(detail, k_tail_lines),
                 ErrorKind::input};
}

Expected<UsageCapture> capture_events(const UsageRequest& request, base::ProcessRunner& runner,
                                      const UsageProgress& progress) {
    size_t total = request.events.size();
    progress("importing the entry", 0, total);
    std::vector<std::string> argv = probe_argv(request, "events");
    argv.insert(argv.end(), {request.module, request.function, request.events_file.string()});
    for (const auto& root : request.src_roots)
        argv.push_back(root.string());
    base::SpawnRequest spawn{argv, request.project_dir, request.timeout, true};
    spawn.on_report_line = [&](const base::ReportLine& line) {
        // The next event starts when the entry is imported or the previous one is reported.
        size_t done = 0;
        if (line.text.starts_with("invocation\t"))
            done = static_cast<size_t>(base::parse_int(split_report_fields(line.text)[1]).value_or(0));
        else if (!line.text.starts_with("imported\t"))
            return;
        if (done < total)
            progress(fmt::format("event at line {}", request.events[done].line), done + 1, total);
    };
    base::ProcessResult process = LMMS_TRY(runner.run(spawn));
    ProbeReport report = parse_probe_report(process.report);
    if (report.failure)
        return tl::unexpected(import_failure(report, request));
    UsageCapture capture;
    capture.python_version = report.python_version;
    if (!merge_usage_report(process.report, capture, 1)) {
        capture.partial = true;
        size_t ran = capture.invocations.size();
        capture.partial_reason =
            fmt::format("the workload {} after {} of {} events",
                        base::describe_exit(process, request.timeout), ran, request.events.size());
        if (!report.imported)
            capture.partial_reason += ", while importing the entry";
        else if (ran < request.events.size())
            capture.partial_reason += fmt::format(", in event {} ({}:{})", ran + 1,
                                                  base::relative_to(request.events_file, request.project_dir),
                                                  request.events[ran].line);
        if (std::string tail = output_tail(process); !tail.empty() && !process.timed_out)
            capture.partial_reason += "\n" + tail;
    }
    return capture;
}

Expected<UsageCapture> capture_commands(const UsageRequest& request, base::ProcessRunner& runner,
                                        const UsageProgress& progress) {
    UsageCapture capture;
    for (size_t i = 0; i < request.commands.size(); ++i) {
        const Command& command = request.commands[i];
        progress(command.text, i + 1, request.commands.size());
        std::vector<std::string> argv = probe_argv(request, "command");
        for (const auto& root : request.src_roots)
            argv.push_back(root.string());
        argv.push_back("--");
        argv.insert(argv.end(), command.args.begin(), command.args.end());
        base::ProcessResult process =
            LMMS_TRY(runner.run(base::SpawnRequest{argv, request.project_dir, request.timeout, true}));
        ProbeReport report = parse_probe_report(process.report);
        if (capture.python_version.empty())
            capture.python_version = report.python_version;
        auto number = static_cast<uint32_t>(i + 1);
        if (merge_usage_report(process.report, capture, number)) {
            // The probe times the program itself; a command's latency is the whole process.
            InvocationCapture& ran = capture.invocations.back();
            ran.latency_ns = process.exited - process.spawned;
            if (!ran.error_type.empty() || process.exit_code != 0)
                ran.output = command_ending(process, request.timeout);
            continue;
        }
        if (process.timed_out) {
            capture.partial = true;
            capture.partial_reason =
                fmt::format("command {} of {} (line {}) {}", number, request.commands.size(), command.line,
                            base::describe_exit(process, request.timeout));
            break;
        }
        // The interpreter itself failed: an invocation that failed, not the end of the workload.
        InvocationCapture failed;
        failed.number = number;
        failed.latency_ns = process.exited - process.spawned;
        failed.error_type = "crash";
        failed.error_message = "the interpreter " + base::describe_exit(process, request.timeout);
        if (std::string tail = base::tail_lines(process.stderr_text, 1); !tail.empty())
            failed.error_message += ": " + tail;
        failed.output = command_ending(process, request.timeout);
        capture.invocations.push_back(std::move(failed));
    }
    return capture;
}

}  // namespace

bool merge_usage_report(std::span<const base::ReportLine> lines, UsageCapture& capture,
                        uint32_t first_number) {
    std::unordered_map<uint64_t, uint64_t> file_ids;  // this report's file index -> capture.files index
    auto global_key = [&](uint64_t key) -> std::optional<LineKey> {
        auto it = file_ids.find(key >> k_line_bits);
        if (it == file_ids.end())
            return std::nullopt;
        return it->second << k_line_bits | (key & ((uint64_t{1} << k_line_bits) - 1));
    };
    auto keys = [&](const std::string& text) {
        std::vector<LineKey> result;
        for (size_t start = 0; start < text.size();) {
            size_t end = std::min(text.find(' ', start), text.size());
            if (auto value = base::parse_int(std::string_view(text).substr(start, end - start));
                value && *value >= 0)
                if (auto key = global_key(static_cast<uint64_t>(*value)))
                    result.push_back(*key);
            start = end + 1;
        }
        std::sort(result.begin(), result.end());
        return result;
    };
    bool done = false;
    for (const base::ReportLine& line : lines) {
        std::vector<std::string> fields = split_report_fields(line.text);
        const std::string& kind = fields[0];
        if (kind == "file" && fields.size() >= 3) {
            auto index = base::parse_int(fields[1]);
            if (!index)
                continue;
            auto known = std::find(capture.files.begin(), capture.files.end(), fields[2]);
            file_ids[static_cast<uint64_t>(*index)] = static_cast<uint64_t>(known - capture.files.begin());
            if (known == capture.files.end())
                capture.files.push_back(fields[2]);
        } else if (kind == "invocation" && fields.size() >= 3) {
            InvocationCapture invocation;
            invocation.number =
                first_number - 1 + static_cast<uint32_t>(base::parse_int(fields[1]).value_or(0));
            invocation.latency_ns = base::parse_int(fields[2]).value_or(0);
            invocation.error_type = fields.size() > 3 ? fields[3] : "";
            invocation.error_message = fields.size() > 4 ? fields[4] : "";
            invocation.output = fields.size() > 5 ? fields[5] : "";
            capture.invocations.push_back(std::move(invocation));
        } else if (kind == "hits" && fields.size() >= 3) {
            auto number = base::parse_int(fields[1]).value_or(0);
            if (number > 0 && !capture.invocations.empty())
                capture.invocations.back().lines = keys(fields[2]);
        } else if (kind == "import_hits" && fields.size() >= 2) {
            std::vector<LineKey> more = keys(fields[1]);
            std::vector<LineKey> merged;
            std::set_union(capture.import_lines.begin(), capture.import_lines.end(), more.begin(), more.end(),
                           std::back_inserter(merged));
            capture.import_lines = std::move(merged);
        } else if (kind == "tracer" && fields.size() >= 2) {
            capture.tracer = fields[1];
        } else if (kind == "done") {
            done = true;
        }
    }
    return done;
}

Expected<UsageCapture> capture_usage(const UsageRequest& request, base::ProcessRunner& runner,
                                     const UsageProgress& progress) {
    return request.commands.empty() ? capture_events(request, runner, progress)
                                    : capture_commands(request, runner, progress);
}

}  // namespace lmms::capture

#include "capture/probe_report.hpp"

#include "base/strings.hpp"

namespace lmms::capture {

namespace {

std::optional<int64_t> number(const std::vector<std::string>& fields, size_t index) {
    return index < fields.size() ? base::parse_int(fields[index]) : std::nullopt;
}

std::string field(const std::vector<std::string>& fields, size_t index) {
    return index < fields.size() ? fields[index] : std::string();
}

}  // namespace

std::vector<std::string> split_report_fields(std::string_view line) {
    std::vector<std::string> fields(1);
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (c == '\t') {
            fields.emplace_back();
        } else if (c == '\\' && i + 1 < line.size()) {
            char next = line[++i];
            fields.back().push_back(next == 't' ? '\t' : next == 'n' ? '\n' : next);
        } else {
            fields.back().push_back(c);
        }
    }
    return fields;
}

ProbeReport parse_probe_report(std::span<const base::ReportLine> lines) {
    ProbeReport report;
    for (const base::ReportLine& line : lines) {
        std::vector<std::string> fields = split_report_fields(line.text);
        const std::string& kind = fields[0];
        if (kind == "start") {
            report.started = number(fields, 1);
        } else if (kind == "python") {
            report.python_version = field(fields, 1);
            report.python_executable = field(fields, 2);
            report.implementation = field(fields, 3);
        } else if (kind == "import") {
            report.import_started = number(fields, 1);
        } else if (kind == "imported") {
            report.imported = number(fields, 1);
        } else if (kind == "ready") {
            report.ready = number(fields, 1);
            report.ready_arrived = line.arrived;
        } else if (kind == "modules") {
            report.module_count = number(fields, 1).value_or(0);
        } else if (kind == "bytecode") {
            report.bytecode = ProbeBytecode{number(fields, 1).value_or(0) != 0, number(fields, 2).value_or(0),
                                            field(fields, 3)};
        } else if (kind == "preloaded") {
            report.preloaded.push_back(field(fields, 1));
        } else if (kind == "module") {
            report.modules.push_back({field(fields, 1), field(fields, 2)});
        } else if (kind == "edge") {
            auto line_number = number(fields, 4).value_or(0);
            report.edges.push_back(
                {field(fields, 1), field(fields, 2), field(fields, 3), static_cast<uint32_t>(line_number)});
        } else if (kind == "statement") {
            report.statements.push_back({field(fields, 1),
                                         static_cast<uint32_t>(number(fields, 2).value_or(0)),
                                         number(fields, 3).value_or(0)});
        } else if (kind == "finder") {
            report.finders.push_back({field(fields, 1), number(fields, 2).value_or(0),
                                      number(fields, 3).value_or(0), field(fields, 4),
                                      number(fields, 5).value_or(0)});
        } else if (kind == "compile") {
            report.compiles.push_back({field(fields, 1), field(fields, 2), number(fields, 3).value_or(0)});
        } else if (kind == "error") {
            report.failure = ProbeFailure{field(fields, 1), field(fields, 2), field(fields, 3), {}};
        } else if (kind == "traceback" && report.failure) {
            report.failure->traceback.push_back(field(fields, 1));
        }
    }
    return report;
}

}  // namespace lmms::capture

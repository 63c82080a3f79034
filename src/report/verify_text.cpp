#include <fmt/format.h>

#include "base/strings.hpp"
#include "report/verify_report.hpp"

namespace lmms::report {

namespace {

constexpr size_t k_column = 50;  ///< a value this wide or less is shown beside the other

std::string plural(size_t count, std::string_view word) {
    return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

std::string header(const model::Verification& verification, const std::string& working) {
    std::string text = fmt::format("lmms verify  {} ({})", verification.workload,
                                   plural(verification.invocations, "invocation"));
    if (!verification.entry.empty())
        text += " of " + verification.entry;
    text += fmt::format("\n  reference  {}\n  working    {}\n", verification.reference, working);
    if (!verification.masks.empty()) {
        text += "  masked    ";
        for (const std::string& mask : verification.masks)
            text += " " + mask;
        text += "\n";
    }
    return text;
}

std::string invocation_title(const model::InvocationDifference& difference, const std::string& file) {
    if (difference.number == 0)
        return "the import of the entry";
    return fmt::format("invocation {} ({}:{}, kind {})", difference.number, file, difference.source_line,
                       difference.kind);
}

size_t widest(const std::vector<std::string>& lines) {
    size_t width = 0;
    for (const std::string& line : lines)
        width = std::max(width, line.size());
    return width;
}

std::string without_trailing_spaces(std::string line) {
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
    return line + "\n";
}

constexpr size_t k_max_lines = 20;  ///< of each side of a field; the JSON has them all

/// A value's lines, at most k_max_lines of them and a line saying how many more there are.
std::vector<std::string> shown_lines(const std::string& value) {
    std::vector<std::string> lines;
    for (std::string_view line : base::split_lines(value))
        lines.emplace_back(line);
    if (lines.empty())
        lines.emplace_back();
    if (lines.size() > k_max_lines) {
        size_t more = lines.size() - k_max_lines;
        lines.resize(k_max_lines);
        lines.push_back(fmt::format("({} more line{})", more, more == 1 ? "" : "s"));
    }
    return lines;
}

std::string in_columns(const std::vector<std::string>& before, const std::vector<std::string>& after) {
    size_t width = std::max<size_t>(widest(before), 9);
    std::string text =
        without_trailing_spaces(fmt::format("      {:<{}}  | {}", "reference", width, "working"));
    for (size_t i = 0; i < std::max(before.size(), after.size()); ++i)
        text += without_trailing_spaces(fmt::format("      {:<{}}  | {}", i < before.size() ? before[i] : "",
                                                    width, i < after.size() ? after[i] : ""));
    return text;
}

std::string stacked(const std::vector<std::string>& before, const std::vector<std::string>& after) {
    std::string text;
    for (auto [label, lines] : {std::pair{"reference", &before}, std::pair{"working  ", &after}})
        for (size_t i = 0; i < lines->size(); ++i)
            text += without_trailing_spaces(
                fmt::format("      {} | {}", i == 0 ? label : "         ", (*lines)[i]));
    return text;
}

/// The two values in two columns when they are short, else one above the other.
std::string side_by_side(const model::FieldDifference& field) {
    std::vector<std::string> before = shown_lines(field.reference);
    std::vector<std::string> after = shown_lines(field.working);
    bool narrow = widest(before) <= k_column && widest(after) <= k_column;
    return fmt::format("    {}\n", field.field) +
           (narrow ? in_columns(before, after) : stacked(before, after));
}

std::string workload_file(const model::Verification& verification) {
    size_t space = verification.workload.find(' ');
    return space == std::string::npos ? verification.workload : verification.workload.substr(space + 1);
}

std::string differences_text(const model::Verification& verification) {
    if (model::identical(verification)) {
        bool commands = verification.workload.starts_with("commands");
        return fmt::format(
            "\nidentical: all {} behave the same in both trees ({})\n",
            plural(verification.invocations, "invocation"),
            commands ? "exit code, exception, stdout, stderr" : "result, exception, stdout, stderr");
    }
    std::string text =
        fmt::format("\ndifferent: {} of {} behave differently\n", verification.differences.size(),
                    plural(verification.invocations, "invocation"));
    for (const model::InvocationDifference& difference : verification.differences) {
        text += "\n  " + invocation_title(difference, workload_file(verification)) + "\n";
        for (const model::FieldDifference& field : difference.fields)
            text += side_by_side(field);
    }
    return text;
}

constexpr size_t k_kind_width = 60;

std::string shortened(const std::string& text) {
    return text.size() <= k_kind_width ? text : text.substr(0, k_kind_width - 3) + "...";
}

std::string milliseconds(const std::optional<double>& value) {
    return value ? fmt::format("{:.2f} ms", *value) : "-";
}

std::string first_calls_text(const model::Verification& verification) {
    if (verification.first_calls.empty())
        return "";
    std::string text = "\nfirst call of each kind (where a deferred import is paid; latency of one replay)\n";
    size_t width = 4;
    for (const model::FirstCall& call : verification.first_calls)
        width = std::max(width, shortened(call.kind).size());
    text += fmt::format("  {:<{}}  {:>12}  {:>12}\n", "kind", width, "reference", "working");
    for (const model::FirstCall& call : verification.first_calls)
        text += fmt::format("  {:<{}}  {:>12}  {:>12}\n", shortened(call.kind), width,
                            milliseconds(call.reference_ms), milliseconds(call.working_ms));
    return text;
}

std::string timing_row(std::string_view label, const model::TreeTiming& timing) {
    return fmt::format("  {:<10} {:>10.1f} ms   95 % [{:.1f}, {:.1f}] ms   {:.0f} modules\n", label,
                       timing.median_ms, timing.interval.low, timing.interval.high, timing.modules);
}

std::string prediction_text(const model::Verification& verification) {
    if (!verification.prediction)
        return fmt::format("  plan       no prediction: {}\n", verification.no_prediction);
    const model::Prediction& prediction = *verification.prediction;
    return fmt::format("  plan       {:.1f} ms -> {:.1f} ms predicted ({:.1f} %)\n", prediction.measured_ms,
                       prediction.predicted_ms, 100.0 * prediction.improvement);
}

std::string measurement_text(const model::Verification& verification) {
    if (!verification.measurement)
        return fmt::format("\ncold start: not measured ({})\n", verification.no_measurement);
    const model::Measurement& measured = *verification.measurement;
    std::string text =
        fmt::format("\ncold start ({} alternating rounds, median of each tree)\n", measured.rounds);
    text += timing_row("reference", measured.reference);
    text += timing_row("working", measured.working);
    text += fmt::format("  cut        {:>10.1f} %    95 % [{:.1f}, {:.1f}] %\n", 100.0 * measured.cut,
                        100.0 * measured.cut_interval.low, 100.0 * measured.cut_interval.high);
    return text + prediction_text(verification);
}

}  // namespace

std::string verify_to_text(const model::Verification& verification, const std::string& working) {
    return header(verification, working) + differences_text(verification) + first_calls_text(verification) +
           measurement_text(verification);
}

}  // namespace lmms::report

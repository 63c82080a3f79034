#include "verify/compare.hpp"

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/strings.hpp"

namespace lmms::verify {

namespace {

using Json = nlohmann::json;

/// The same for both trees, so a difference they make is never a behaviour's.
struct Normalisation {
    std::regex pattern;
    const char* replacement;
};

const std::vector<Normalisation>& normalisations() {
    static const std::vector<Normalisation> rules = {
        {std::regex(" at 0x[0-9a-fA-F]+"), " at 0x…"},
        {std::regex(R"re((File "[^"\n]*", line )\d+)re"), "$1…"},
    };
    return rules;
}

std::vector<std::string> path_segments(std::string_view path) {
    std::vector<std::string> segments;
    for (std::string_view segment : base::split(path, "."))
        segments.emplace_back(segment);
    return segments;
}

bool mask_json_path(Json& value, std::span<const std::string> segments);

/// A string that holds JSON (a Lambda's `body`) is looked into, and written back as JSON text.
bool mask_inside_string(Json& value, std::span<const std::string> segments) {
    Json inner = Json::parse(value.get<std::string>(), nullptr, false);
    if (inner.is_discarded() || !inner.is_structured() || !mask_json_path(inner, segments))
        return false;
    value = inner.dump();
    return true;
}

bool mask_member(Json& value, const std::string& segment, std::span<const std::string> rest) {
    bool masked = false;
    if (segment == "*") {
        for (Json& member : value)
            masked = mask_json_path(member, rest) || masked;
        return masked;
    }
    if (value.is_object()) {
        auto found = value.find(segment);
        return found != value.end() && mask_json_path(*found, rest);
    }
    auto index = base::parse_int(segment);
    if (!index || *index < 0 || static_cast<size_t>(*index) >= value.size())
        return false;
    return mask_json_path(value[static_cast<size_t>(*index)], rest);
}

bool mask_json_path(Json& value, std::span<const std::string> segments) {
    if (segments.empty()) {
        value = std::string(k_masked);
        return true;
    }
    if (value.is_string())
        return mask_inside_string(value, segments);
    if (!value.is_structured())
        return false;
    return mask_member(value, segments.front(), segments.subspan(1));
}

std::string exception_text(const model::InvocationOutcome& outcome, const Masks& masks) {
    if (outcome.error_type.empty())
        return "none";
    return mask_text(fmt::format("{}: {}", outcome.error_type, outcome.error_message), masks);
}

std::string exit_code_text(const model::InvocationOutcome& outcome) {
    if (!outcome.exit_code)
        return "";
    return *outcome.exit_code < 0 ? "killed by a signal" : std::to_string(*outcome.exit_code);
}

/// Every compared field of one invocation, in the order differences are reported.
std::vector<std::pair<std::string, std::string>> compared_fields(const model::InvocationOutcome& outcome,
                                                                 const Masks& masks) {
    return {
        {"result", mask_result(outcome, masks)},
        {"exception", exception_text(outcome, masks)},
        {"stdout", mask_text(outcome.stdout_text, masks)},
        {"stderr", mask_text(outcome.stderr_text, masks)},
        {"exit code", exit_code_text(outcome)},
    };
}

std::string not_run_text(const model::Replay& replay) {
    if (replay.partial)
        return "no: the workload stopped " + replay.partial_reason;
    bool import_failed = !replay.invocations.empty() && replay.invocations.front().number == 0 &&
                         !replay.invocations.front().error_type.empty();
    return import_failed ? "no: the entry could not be imported" : "no";
}

model::InvocationDifference compare_one(const model::InvocationOutcome* reference,
                                        const model::InvocationOutcome* working,
                                        const model::Replay& reference_replay,
                                        const model::Replay& working_replay, const Masks& masks) {
    const model::InvocationOutcome& known = reference ? *reference : *working;
    model::InvocationDifference difference{known.number, known.source_line, known.kind, {}};
    if (!reference || !working) {
        difference.fields.push_back({"ran", reference ? "yes" : not_run_text(reference_replay),
                                     working ? "yes" : not_run_text(working_replay)});
        return difference;
    }
    auto before = compared_fields(*reference, masks);
    auto after = compared_fields(*working, masks);
    for (size_t i = 0; i < before.size(); ++i)
        if (before[i].second != after[i].second)
            difference.fields.push_back({before[i].first, before[i].second, after[i].second});
    return difference;
}

std::map<uint32_t, const model::InvocationOutcome*> by_number(const model::Replay& replay) {
    std::map<uint32_t, const model::InvocationOutcome*> outcomes;
    for (const model::InvocationOutcome& outcome : replay.invocations)
        outcomes.emplace(outcome.number, &outcome);
    return outcomes;
}

double milliseconds(int64_t nanoseconds) {
    return static_cast<double>(nanoseconds) / 1e6;
}

}  // namespace

Expected<Masks> compile_masks(const MaskOptions& options) {
    Masks masks;
    for (const std::string& pattern : options.patterns) {
        try {
            masks.patterns.emplace_back(pattern, std::regex::ECMAScript);
        } catch (const std::regex_error& error) {
            return make_error(
                fmt::format("--mask `{}`: not a regular expression: {}", pattern, error.what()));
        }
    }
    for (const std::string& path : options.json_paths) {
        std::vector<std::string> segments = path_segments(path);
        for (const std::string& segment : segments)
            if (segment.empty())
                return make_error(
                    fmt::format("--mask-json `{}`: expected a dotted path such as body.request_id", path));
        masks.json_paths.push_back(std::move(segments));
    }
    return masks;
}

std::string mask_text(const std::string& text, const Masks& masks) {
    std::string result = text;
    for (const Normalisation& rule : normalisations())
        result = std::regex_replace(result, rule.pattern, rule.replacement);
    for (const std::regex& pattern : masks.patterns)
        result = std::regex_replace(result, pattern, std::string(k_masked));
    return result;
}

std::string mask_result(const model::InvocationOutcome& outcome, const Masks& masks) {
    if (!outcome.result_is_json || masks.json_paths.empty())
        return mask_text(outcome.result, masks);
    Json value = Json::parse(outcome.result, nullptr, false);
    if (value.is_discarded())
        return mask_text(outcome.result, masks);
    for (const std::vector<std::string>& path : masks.json_paths)
        mask_json_path(value, path);
    return mask_text(value.dump(), masks);
}

std::vector<model::InvocationDifference> compare_replays(const model::Replay& reference,
                                                         const model::Replay& working, const Masks& masks) {
    auto before = by_number(reference);
    auto after = by_number(working);
    std::map<uint32_t, std::pair<const model::InvocationOutcome*, const model::InvocationOutcome*>> joined;
    for (auto [number, outcome] : before)
        joined[number].first = outcome;
    for (auto [number, outcome] : after)
        joined[number].second = outcome;
    std::vector<model::InvocationDifference> differences;
    for (auto [number, pair] : joined) {
        model::InvocationDifference difference =
            compare_one(pair.first, pair.second, reference, working, masks);
        if (!difference.fields.empty())
            differences.push_back(std::move(difference));
    }
    return differences;
}

std::vector<model::FirstCall> first_calls(const model::Replay& reference, const model::Replay& working) {
    std::vector<model::FirstCall> calls;
    std::map<std::string, size_t> index_of_kind;
    auto add = [&](const model::Replay& replay, std::optional<double> model::FirstCall::*side) {
        for (const model::InvocationOutcome& outcome : replay.invocations) {
            if (outcome.number == 0)
                continue;
            auto [it, inserted] = index_of_kind.emplace(outcome.kind, calls.size());
            if (inserted)
                calls.push_back({outcome.kind, std::nullopt, std::nullopt});
            if (!(calls[it->second].*side))
                calls[it->second].*side = milliseconds(outcome.latency_ns);
        }
    };
    add(reference, &model::FirstCall::reference_ms);
    add(working, &model::FirstCall::working_ms);
    return calls;
}

}  // namespace lmms::verify

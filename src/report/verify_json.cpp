#include <nlohmann/json.hpp>

#include "report/verify_report.hpp"

namespace lmms::report {

namespace {

using Json = nlohmann::ordered_json;

Json optional_number(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json difference_json(const model::InvocationDifference& difference) {
    Json json;
    json["number"] = difference.number;
    json["line"] = difference.source_line;
    json["kind"] = difference.kind;
    json["fields"] = Json::array();
    for (const model::FieldDifference& field : difference.fields)
        json["fields"].push_back(
            {{"field", field.field}, {"reference", field.reference}, {"working", field.working}});
    return json;
}

Json timing_json(const model::TreeTiming& timing) {
    return {{"median_ms", timing.median_ms},
            {"interval_ms", {timing.interval.low, timing.interval.high}},
            {"modules", timing.modules},
            {"samples_ms", timing.cold_start_ms}};
}

Json measurement_json(const model::Verification& verification) {
    if (!verification.measurement)
        return {{"measured", false}, {"reason", verification.no_measurement}};
    const model::Measurement& measured = *verification.measurement;
    return {{"measured", true},
            {"rounds", measured.rounds},
            {"confidence", 0.95},
            {"reference", timing_json(measured.reference)},
            {"working", timing_json(measured.working)},
            {"cut", measured.cut},
            {"cut_interval", {measured.cut_interval.low, measured.cut_interval.high}}};
}

Json prediction_json(const model::Verification& verification) {
    if (!verification.prediction)
        return {{"predicted", false}, {"reason", verification.no_prediction}};
    const model::Prediction& prediction = *verification.prediction;
    return {{"predicted", true},
            {"measured_ms", prediction.measured_ms},
            {"predicted_ms", prediction.predicted_ms},
            {"improvement", prediction.improvement}};
}

}  // namespace

std::string verify_to_json(const model::Verification& verification) {
    Json json;
    json["schema_version"] = model::k_verification_schema_version;
    json["identical"] = model::identical(verification);
    json["reference"] = verification.reference;
    json["workload"] = verification.workload;
    json["entry"] = verification.entry;
    json["python_version"] = verification.python_version;
    json["invocations"] = verification.invocations;
    json["masks"] = verification.masks;
    json["differences"] = Json::array();
    for (const model::InvocationDifference& difference : verification.differences)
        json["differences"].push_back(difference_json(difference));
    json["first_calls"] = Json::array();
    for (const model::FirstCall& call : verification.first_calls)
        json["first_calls"].push_back({{"kind", call.kind},
                                       {"reference_ms", optional_number(call.reference_ms)},
                                       {"working_ms", optional_number(call.working_ms)}});
    json["measurement"] = measurement_json(verification);
    json["prediction"] = prediction_json(verification);
    return json.dump(2) + "\n";
}

}  // namespace lmms::report

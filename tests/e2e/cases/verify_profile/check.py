"""`lmms verify` after `lmms profile` (so the plan predicts): both trees measured in alternating rounds;
prints the structure and the decisions the figures imply, never the figures."""
import json
import sys

result = json.load(sys.stdin)
measurement = result["measurement"]
print("schema_version", result["schema_version"], "identical", result["identical"])
print("measured", measurement["measured"], "rounds", measurement["rounds"],
      "confidence", measurement["confidence"])
for tree in ("reference", "working"):
    timing = measurement[tree]
    low, high = timing["interval_ms"]
    print(tree, "samples", len(timing["samples_ms"]), "median inside its interval:",
          low <= timing["median_ms"] <= high, "modules > 0:", timing["modules"] > 0)
ratio = measurement["working"]["median_ms"] / measurement["reference"]["median_ms"]
print("cut is 1 - working / reference:", abs(measurement["cut"] - (1 - ratio)) < 1e-9)
low, high = measurement["cut_interval"]
print("cut interval ordered:", low <= high)
prediction = result["prediction"]
print("prediction:", prediction["predicted"], sorted(prediction),
      "improvement = 1 - predicted / measured:",
      abs(prediction["improvement"] - (1 - prediction["predicted_ms"] / prediction["measured_ms"])) < 1e-9)
print("first calls:", [(call["kind"], call["reference_ms"] > 0, call["working_ms"] > 0)
                       for call in result["first_calls"]])

"""Checks that the plan's numbers add up, then prints one line per site."""
import json
import sys

plan = json.load(sys.stdin)
s = plan["summary"]
lazy = [i for i in plan["items"] if i["action"] == "lazy"]
print("schema_version", plan["schema_version"])
print("predicted = measured - saved:", abs(s["predicted_ms"] - (s["measured_ms"] - s["saved_ms"])) < 1e-6)
print("saved = lazy savings + shared:",
      abs(s["saved_ms"] - sum(i["saving_ms"] for i in lazy) - s["shared_ms"]) < 1e-6)
print("every lazy row names its functions and has a cost model:",
      all(i["functions"] and i["cost_model"] for i in lazy))
print("every row's reason_code is its why.code, and costs agree:",
      all(i["reason_code"] == i["why"]["code"] and i["why"]["cost_ms"] == i["cost_ms"] for i in plan["items"]))
print("counts:", {k: s[k] for k in ("lazy", "hoist", "fast_path", "exceptions", "cannot_move", "unclassified")})
for i in plan["items"]:
    cost = "-" if i["cost_ms"] is None else "%.1f" % i["cost_ms"]
    used = "-" if i["used"] is None else "%d/%d" % (i["used"], i["invocations"])
    thresholds = ",".join("%s=%g" % (t["name"], t["value"]) for t in i["why"]["thresholds"])
    blocking = ",".join("%s:%d" % (b["file"], b["line"]) for b in i["why"]["blocking"])
    print("%s:%d %s %s %s %s %s %s [%s %s %s]" % (i["file"], i["line"], i["module"], i["action"], i["tier"], cost,
                                                used, ",".join(i["functions"]), i["reason_code"], thresholds,
                                                blocking))

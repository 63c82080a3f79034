"""Every blocked row of a project with one import-time use of each kind gets its remedy from the
table: kind, how lmms fix treats it, every blocking line; the summary counts them; no timings."""
import json
import os
import re
import subprocess
import sys

plan = json.load(sys.stdin)
print("schema_version:", plan["schema_version"])
for i in plan["items"]:
    line = "%s:%d %s [%s]: %s, %s" % (i["file"], i["line"], i["statement"], ", ".join(i["names"]),
                                       i["action"], i["reason_code"])
    r = i["remedy"]
    if r:
        line += "\n    remedy %s (%s): %s\n    blocking %s\n    saves as much as it costs: %s" % (
            r["kind"], r["fix"], r["edit"], ", ".join("%s:%d %s" % (b["file"], b["line"], b["kind"])
                                                      for b in r["blocking"]),
            abs(r["saving_ms"] - i["cost_ms"]) < 1e-9)
        line += "\n    the reason names it: %s" % ("; remedy: " + r["edit"] in i["reason"])
    print(line)
s = plan["summary"]
print("remedies:", s["remedies"], "applied by lmms fix --unsafe-fixes:", s["remedies_applied"])
print("remedies would save more than the plan alone:", s["remedies_ms"] > 100)
text = subprocess.run([os.environ["LMMS"], "plan"], cwd=sys.argv[1], capture_output=True, text=True,
                      env=dict(os.environ, PYTHONPATH=os.path.join(os.path.dirname(os.path.realpath(
                          __file__)), "..", "..", "fix_common", "libs"))).stdout
for row in text.splitlines():
    if "remedies would save" in row or row.startswith("      remedy"):
        print("text:", re.sub(r"\d+\.\d ms", "# ms", row))

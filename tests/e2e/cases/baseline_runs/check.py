"""`lmms baseline`: 20 runs by default, every sample kept, written to .lmms/baseline.json."""
import json
import os
import sys

baseline = json.load(sys.stdin)
project = sys.argv[1]
with open(os.path.join(project, ".lmms", "baseline.json")) as f:
    stored = json.load(f)
print("schema_version", baseline["schema_version"])
print("stored baseline equals stdout:", stored == baseline)
print("profile.json left alone:", not os.path.exists(os.path.join(project, ".lmms", "profile.json")))
print("runs", len(baseline["runs"]), "settings runs", baseline["settings"]["runs"])
print("every module keeps a sample per run:",
      all(len(m["self_samples_us"]) == len(baseline["runs"]) for m in baseline["modules"]))
print("environment:", sorted(baseline["environment"]))
print("import sites:", ["%s:%d" % (s["file"], s["line"]) for s in baseline["sites"]])

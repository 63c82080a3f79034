"""On the bundled example, each rarely used import's usage equals, exactly, the
share of the events whose kind (the example's own classify()) needs it."""
import collections
import json
import os
import sys

project = sys.argv[1]
usage = json.loads(sys.stdin.read())
sys.path.insert(0, project)
from app.handler import classify  # noqa: E402  (the copied project's own router)

with open(os.path.join(project, "events.jsonl"), encoding="utf-8") as f:
    kinds = collections.Counter(classify(json.loads(line)) for line in f if line.strip())
total = sum(kinds.values())
print("events", total, "ran", usage["workload"]["ran"], "partial", usage["workload"]["partial"])


def site(file, module):
    return next(s for s in usage["sites"] if s["file"] == file and s["module"] == module)


expected = [
    ("app/reports.py", "pandas", "scheduled-daily-report"),
    ("app/config_loader.py", "yaml", "scheduled-reload-config"),
    ("app/stream.py", "websocket", "websocket-broadcast"),
]
for file, module, kind in expected:
    rows = [s for s in usage["sites"] if s["file"] == file and s["module"] == module and s["used"]]
    used = rows[0]["used"] if rows else 0
    print("%-10s used %3d/%d  %-24s %3d/%d  %s" % (
        module, used, total, kind, kinds[kind], total, "equal" if used == kinds[kind] else "DIFFERENT"))
boto3 = site("app/storage.py", "boto3")
print("boto3 at import time: line", boto3["import_time_line"])

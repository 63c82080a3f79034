"""Which files' import sites `lmms usage` reports: the fast path's only once the workload runs it."""
import json
import sys

usage = json.load(sys.stdin)
files = sorted({site["file"] for site in usage["sites"]})
print("files with sites:", files)
print("fast path sites:", [(site["line"], site["module"]) for site in usage["sites"] if site["file"] == "app/fast_path.py"])

"""`lmms compare --format json` by structure: the timings vary, the verdict and attribution must not."""
import json
import os
import sqlite3
import sys

report = json.load(sys.stdin)
print("schema_version", report["schema_version"])
print("method states the test:", "Mann-Whitney" in report["method"])
print("samples kept:", len(report["baseline"]["samples_ms"]), len(report["current"]["samples_ms"]))
print("regression:", report["regression"])
print("new on the cold path:", [(m["module"], m["site"], m["statement"]) for m in report["modules"] if m["added"]])
print("targets:", [t["name"] for t in report["targets"]])
if len(sys.argv) > 1:
    db = sqlite3.connect(os.path.join(sys.argv[1], ".lmms", "history.sqlite"))
    print("history:", [row[0] for row in db.execute("SELECT kind FROM recordings ORDER BY id")])

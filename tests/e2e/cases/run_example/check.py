"""`lmms run` on the example: every step wrote its capture, and the plan's
decisions are the ones its own measurements call for. Where a decision hangs
on a machine's speed (yaml takes 7 ms to import on one machine and 12 on
another, on either side of fast-ms), the check is that it follows from the
numbers this run measured, not which way it went."""
import os
import sys

import plan_oracle

project = sys.argv[1]
out = sys.stdin.read()
for name in ("profile.json", "usage.json"):
    print(name, "written:", os.path.exists(os.path.join(project, ".lmms", name)))
print("summary printed:", "lmms run: done" in out and "next: `lmms fastpath` writes app/fast_path.py" in out)

plan = plan_oracle.plan_json(project)
rows = {}
for item in plan["items"]:
    key = "%s:%d %s" % (item["file"], item["line"], item["statement"])
    if len(item["names"]) > 1 and item["split"]:
        key += " [%s]" % item["names"][0]
    rows.setdefault(key, item)
# Far from every threshold on any machine: pandas and numpy are tens to hundreds of
# milliseconds and rarely used; boto3 is used at import time.
for key in ("app/reports.py:2 import pandas as pd", "app/formatting.py:6 import numpy as np",
            "app/storage.py:13 import boto3"):
    print(key, "->", rows[key]["action"] if key in rows else None)
# Near a threshold somewhere: decided by this run's numbers.
for key in ("app/config_loader.py:9 import yaml", "app/handler.py:14 import json"):
    print(key, "-> follows from its cost and usage:",
          key in rows and plan_oracle.follows(rows[key], plan["thresholds"]))
storage = [item for item in plan["items"] if item["split"] and item["names"] == ["storage"]]
print("[storage] -> follows from its cost and usage:",
      bool(storage) and plan_oracle.follows(storage[0], plan["thresholds"]))
print("rows whose tier or action does not follow from their numbers:",
      plan_oracle.rows_not_following(plan) or "none")
summary = plan["summary"]
print("predicted below measured:", summary["predicted_ms"] < summary["measured_ms"])
pandas = rows.get("app/reports.py:2 import pandas as pd")
print("usage 6/120 for pandas:", bool(pandas) and (pandas["used"], pandas["invocations"]) == (6, 120))
print("the text shows the same plan:", "usage 5.0 % (6/120)" in out)

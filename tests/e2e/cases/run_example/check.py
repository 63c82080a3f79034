"""`lmms run` on the example: every step wrote its capture, and the plan's
decisions that do not hang on a machine's speed are the expected ones."""
import json
import os
import re
import sys

project = sys.argv[1]
out = sys.stdin.read()
for name in ("profile.json", "usage.json"):
    print(name, "written:", os.path.exists(os.path.join(project, ".lmms", name)))
print("summary printed:", "lmms run: done" in out and "next: `lmms fastpath` writes app/fast_path.py" in out)
rows = {}
for match in re.finditer(r"^  (\S+:\d+)  (.+?)\n      ([a-z-]+), tier", out, re.M):
    rows.setdefault(match.group(1) + " " + match.group(2), match.group(3))
for key in ("app/reports.py:2 import pandas as pd", "app/config_loader.py:9 import yaml",
            "app/formatting.py:6 import numpy as np", "app/storage.py:13 import boto3",
            "app/handler.py:14 import json"):
    print(key, "->", rows.get(key))
storage = [k for k in rows if k.endswith("[storage]")]
print("[storage] ->", rows.get(storage[0]) if storage else None)
summary = re.search(r"cold start: ([\d.]+) ms measured -> ([\d.]+) ms predicted", out)
print("predicted below measured:", bool(summary) and float(summary.group(2)) < float(summary.group(1)))
print("usage 6/120 for pandas:", "usage 5.0 % (6/120)" in out)

"""A corrupt history: a warning; the measurement is still printed and written, the database left alone."""
import json
import os
import sys

project = sys.argv[1]
profile = json.load(sys.stdin)
print("profile printed:", profile["schema_version"], len(profile["runs"]), "runs")
print("profile.json written:", os.path.exists(os.path.join(project, ".lmms", "profile.json")))
case = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(case, "overlay", ".lmms", "history.sqlite"), "rb") as f:
    stored = f.read()
with open(os.path.join(project, ".lmms", "history.sqlite"), "rb") as f:
    print("history untouched:", f.read() == stored)

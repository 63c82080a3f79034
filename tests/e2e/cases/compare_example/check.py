"""The bundled example (its pandas import made lazy, as the plan asks) against its
own baseline: no regression. `--tolerance 25` because ctest runs other tests beside
this one; bench/compare_reliability.py measures the default settings on a quiet machine."""
import json
import sys

report = json.load(sys.stdin)
print("schema_version", report["schema_version"])
print("regression:", report["regression"])
print("new on the cold path:", [m["module"] for m in report["modules"] if m["added"]])
print("targets:", [(t["name"], t["unit"]) for t in report["targets"]])

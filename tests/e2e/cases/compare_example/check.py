"""The bundled example (its pandas import made lazy, as the plan asks) against its
own baseline, default settings: no regression. ctest runs other tests beside this
one; the speed correction is what keeps the gate quiet then."""
import json
import sys

report = json.load(sys.stdin)
print("schema_version", report["schema_version"])
print("regression:", report["regression"])
print("speed correction applied:", report["speed_correction"]["applied"])
print("new on the cold path:", [m["module"] for m in report["modules"] if m["added"]])
print("targets:", [(t["name"], t["unit"]) for t in report["targets"]])

"""`lmms compare` after `lmms baseline --entry` with no configuration: it measures the baseline's
entry, interpreter and runs."""
import json
import sys

report = json.load(sys.stdin)
print("samples kept:", len(report["baseline"]["samples_ms"]), len(report["current"]["samples_ms"]))
print("regression:", report["regression"])

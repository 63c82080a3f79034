"""The bundled example with `import pandas` added at module level to its entry
module, after a baseline without it: a regression, pandas named with the line."""
import json
import sys

report = json.load(sys.stdin)
print("regression:", report["regression"])
added = [m for m in report["modules"] if m["added"]]
print("pandas:", [(m["site"], m["statement"]) for m in added if m["module"] == "pandas"])
print("every new module comes through that line:", all(m["site"] == "app/handler.py:14" for m in added))
print("verdict:", report["verdict"].split(":")[0])

"""The exact counts of `lmms usage --format json`, and the same document in .lmms/usage.json."""
import json
import os
import sys

text = sys.stdin.read()
usage = json.loads(text)
with open(os.path.join(sys.argv[1], ".lmms", "usage.json")) as f:
    print("usage.json is stdout:", f.read() == text)
print("schema_version", usage["schema_version"])
workload = usage["workload"]
print("workload", workload["kind"], workload["file"], workload["entry"], workload["planned"], workload["ran"],
      "partial" if workload["partial"] else "complete")
for site in usage["sites"]:
    names = ", ".join("%s %d" % (name["name"], name["used"]) for name in site["names"])
    print("site %s:%d %s [%s] scope=%s guard=%s used %d/%d usage %.2f import_time_line %s" % (
        site["file"], site["line"], site["module"], names, site["scope"], site["guard"], site["used"],
        site["invocations"], site["usage"], site["import_time_line"]))
for library in usage["libraries"]:
    print("library %s used %d sites %d usage %.2f%s" % (
        library["name"], library["used"], library["sites"], library["usage"],
        " project" if library["project"] else ""))
for kind in usage["kinds"]:
    errors = "; ".join("%dx %s: %s" % (e["count"], e["type"], e["message"]) for e in kind["errors"])
    print("kind %s count %d failed %d warm %s [%s]" % (
        kind["kind"], kind["count"], kind["failed"],
        "none" if kind["warm_median_ms"] is None else "measured", errors))
for invocation in usage["invocations"]:
    error = invocation["error"]
    print("invocation %d line %d %s %s" % (invocation["number"], invocation["line"], invocation["kind"],
                                          "ok" if error is None else error["type"]))

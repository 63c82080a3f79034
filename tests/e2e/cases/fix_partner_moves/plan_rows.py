"""Before the fix: the plan's rows that carry a remedy, one line each, into .lmms/remedy_rows.txt
(check.py prints it)."""
import json
import os
import subprocess
import sys

project = sys.argv[1]
plan = subprocess.run([os.environ["LMMS"], "plan", "--format", "json", "--project", project],
                      capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
if plan.returncode != 0:
    sys.exit("lmms plan exited %d\n%s" % (plan.returncode, plan.stderr))
rows = []
for item in json.loads(plan.stdout)["items"]:
    remedy = item["remedy"]
    if remedy:
        rows.append("%s:%d %s, remedy %s (%s), with %s\n" % (
            item["file"], item["line"], item["action"], remedy["kind"], remedy["fix"], remedy["with"]))
with open(os.path.join(project, ".lmms", "remedy_rows.txt"), "w") as f:
    f.writelines(rows)

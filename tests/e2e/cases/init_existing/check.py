"""An existing [tool.lmms] table and fast_path.py: every file of the project is
unchanged; only the missing CI test is written (for the src layout), and it passes."""
import os
import re
import subprocess
import sys

project = sys.argv[1]
case_project = os.path.join(os.path.dirname(os.path.abspath(__file__)), "project")
sys.stdout.write(sys.stdin.read())


def files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs
                  if "__pycache__" not in d)


for name in files(case_project):
    with open(os.path.join(case_project, name), "rb") as a, open(os.path.join(project, name), "rb") as b:
        print("%-24s %s" % (name, "unchanged" if a.read() == b.read() else "CHANGED"))
print("new:", [name for name in files(project) if name not in files(case_project)])
with open(os.path.join(project, "tests", "test_fast_path.py")) as f:
    for line in f:
        if re.match(r"(FAST_PATH_MODULE|BUDGET_MS|IMPORT_LIMIT|RUNS|SRC_ROOTS) = ", line):
            sys.stdout.write(line)
result = subprocess.run(["/usr/bin/python3", "-m", "unittest"], cwd=project, capture_output=True, text=True,
                        timeout=120)
print("python3 -m unittest:", result.stderr.strip().splitlines()[-1])

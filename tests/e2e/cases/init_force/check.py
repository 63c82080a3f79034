"""--force overwrites fast_path.py with the skeleton (thresholds from the kept
table: fast-ms 5, hot-usage 90, heavy-ms by default) but never the [tool.lmms] table."""
import os
import re
import sys

project = sys.argv[1]
case_project = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "init_existing", "project")
sys.stdout.write(sys.stdin.read())
with open(os.path.join(case_project, "pyproject.toml"), "rb") as a, \
        open(os.path.join(project, "pyproject.toml"), "rb") as b:
    print("pyproject.toml unchanged:", a.read() == b.read())
with open(os.path.join(project, "src", "svc", "fast_path.py")) as f:
    print("===== src/svc/fast_path.py")
    sys.stdout.write(re.sub(r"^# \d{4}-\d{2}-\d{2}: ", "# DATE: ", f.read(), flags=re.M))

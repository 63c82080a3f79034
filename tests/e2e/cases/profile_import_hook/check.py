# The finder's find_spec time is its own figure, with the module it was
# slowest for. Only the project's finder: the host's interpreter may carry
# others (setuptools' _distutils_hack).
import json
import os
import sys

lines = sys.stdin.read().splitlines()
start = next(i for i, line in enumerate(lines) if line.startswith("Import hooks"))
print(lines[start])
print(lines[start + 1])
for line in lines[start + 2:lines.index("", start)]:
    if line.startswith("  app."):
        print(line)
with open(os.path.join(sys.argv[1], ".lmms", "profile.json")) as f:
    profile = json.load(f)
for hook in profile["import_hooks"]:
    if hook["finder"].startswith("app."):
        print("import_hook", hook["finder"], "calls", hook["calls"], "slowest", hook["slowest_module"],
              "over 1 ms" if hook["us"] >= 1000 else "UNDER 1 ms")

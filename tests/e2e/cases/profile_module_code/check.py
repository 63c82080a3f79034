# The slow top-level statements are named with file, line and text, as one
# run's figure; the times themselves are masked. Rows in file order: the
# report's slowest-first order hangs on the machine's speed.
import json
import os
import sys

lines = sys.stdin.read().splitlines()
start = next(i for i, line in enumerate(lines) if line.startswith("Module-level code"))
end = lines.index("", start)
print("\n".join(lines[start:start + 2]))
print("\n".join(sorted(lines[start + 2:end])))
with open(os.path.join(sys.argv[1], ".lmms", "profile.json")) as f:
    profile = json.load(f)
for statement in profile["module_code"]:
    print("module_code", statement["file"], statement["line"], statement["text"],
          "over 1 ms" if statement["us"] >= 1000 else "UNDER THE FLOOR")

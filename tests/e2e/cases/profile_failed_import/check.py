# An import that raised is named as failed, counted apart from the modules the entry imported.
import json
import os
import sys

for line in sys.stdin.read().splitlines():
    if line.startswith(("Failed", "Modules")) or "import failed" in line:
        print(line)
with open(os.path.join(sys.argv[1], ".lmms", "profile.json")) as f:
    profile = json.load(f)
print("schema_version", profile["schema_version"])
for module in profile["modules"]:
    print("module", module["name"], "failed" if module["failed"] else "loaded")

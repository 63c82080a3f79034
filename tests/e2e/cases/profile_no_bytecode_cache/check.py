# Whether the runs imported from cached bytecode: the header's line and profile.json.
import json
import os
import sys

for line in sys.stdin.read().splitlines():
    if line.startswith("Bytecode"):
        print(line)
with open(os.path.join(sys.argv[1], ".lmms", "profile.json")) as f:
    print("profile.json bytecode:", json.dumps(json.load(f).get("bytecode")))

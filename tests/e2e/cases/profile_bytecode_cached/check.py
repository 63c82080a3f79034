# Whether the runs imported from cached bytecode, and what compiling costs: the header's lines and profile.json.
import json
import os
import sys

lines = sys.stdin.read().splitlines()
for i, line in enumerate(lines):
    if line.startswith("Bytecode"):
        print(line)
    if line.startswith("Compile"):
        print(line)
        print(lines[i + 1])
with open(os.path.join(sys.argv[1], ".lmms", "profile.json")) as f:
    profile = json.load(f)
print("profile.json bytecode:", json.dumps(profile.get("bytecode")))
compile_cost = profile.get("compile")
print("profile.json compile: modules", compile_cost["modules"], "project_modules", compile_cost["project_modules"])

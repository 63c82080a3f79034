# The effects of the commands' cleanups, and no scratch folder left behind.
import os
import sys

sys.stdin.read()
project = sys.argv[1]
for name in sorted(os.listdir(project)):
    if name.endswith(".txt") and name != "commands.txt" or name.startswith("lmms-e2e-scratch-"):
        print(name)

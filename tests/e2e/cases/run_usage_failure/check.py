# `lmms run` stops at the usage failure: no plan, no usage summary.
import os
import sys

print("stdout empty:", sys.stdin.read() == "")
print("usage.json written:", os.path.exists(os.path.join(sys.argv[1], ".lmms", "usage.json")))

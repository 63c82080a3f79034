"""Prints what lmms said, then the fast-path file it wrote, byte for byte."""
import os
import sys

sys.stdout.write(sys.stdin.read())
path = os.path.join(sys.argv[1], "svc", "fast_path.py")
print("--- svc/fast_path.py")
with open(path, newline="") as f:
    sys.stdout.write(f.read())

"""Prints the diff lmms printed, then whether the file was left as it was
(argv[2], when given, is the file as it was: by default this case's overlay)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.stdout.write(sys.stdin.read())
original = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "overlay", "svc", "fast_path.py")
with open(original, "rb") as f:
    before = f.read()
with open(os.path.join(sys.argv[1], "svc", "fast_path.py"), "rb") as f:
    after = f.read()
print("file unchanged:", before == after)

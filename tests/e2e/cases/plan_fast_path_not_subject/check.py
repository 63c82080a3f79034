"""The fast path is not its own subject: with svc/fast_path.py written but not yet
imported by the entry, the plan has no rows of its own lines, and one count."""
import sys

text = sys.stdin.read()
print("rows of svc/fast_path.py:", sum(1 for line in text.splitlines() if "svc/fast_path.py:" in line))
for line in text.splitlines():
    if line.strip().startswith("fast path:"):
        print(line.strip())

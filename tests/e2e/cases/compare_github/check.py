"""GitHub annotations of a regression, numbers replaced by N (they vary)."""
import re
import sys

for line in sys.stdin.read().splitlines():
    print(re.sub(r"[+-]?\d+(\.\d+)?(e[+-]?\d+)?", "N", line))

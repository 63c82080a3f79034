"""TRAPS 20: every command of a CLI workload is a fresh process, so the cost model's
cold-start rate is 100 % unless [tool.lmms.traffic] says otherwise."""
import sys

for line in sys.stdin.read().splitlines():
    if line.startswith("traffic:") or line.startswith("usage:"):
        print(line)

"""A partial report, and no usage.json."""
import os
import sys

sys.stdout.write(sys.stdin.read())
print(".lmms exists:", os.path.exists(os.path.join(sys.argv[1], ".lmms")))

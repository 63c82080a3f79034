"""Nothing ran and nothing was written."""
import os
import sys

sys.stdout.write(sys.stdin.read())
print(".lmms exists:", os.path.exists(os.path.join(sys.argv[1], ".lmms")))

import os
import sys

sys.stderr.write("about to crash\n")
sys.stderr.flush()
os.abort()

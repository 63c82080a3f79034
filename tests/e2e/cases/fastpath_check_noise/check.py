"""The same checks as fastpath_check_stale: what lmms printed, and whether the file was kept."""
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.argv.append(os.path.join(HERE, "overlay", "svc", "fast_path.py"))
runpy.run_path(os.path.join(HERE, "..", "fastpath_check_stale", "check.py"), run_name="__main__")

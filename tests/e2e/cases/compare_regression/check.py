"""The same structural checks as compare_unchanged."""
import os
import runpy

runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "compare_unchanged", "check.py"),
               run_name="__main__")

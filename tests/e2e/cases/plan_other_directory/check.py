"""The same checks as plan_json: the plan must not depend on the working directory."""
import os
import runpy

runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "plan_json", "check.py"),
               run_name="__main__")

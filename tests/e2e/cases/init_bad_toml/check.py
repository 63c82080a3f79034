"""Invalid TOML: pyproject.toml is unchanged, byte for byte, and nothing else is written."""
import os
import sys

project = sys.argv[1]
case_project = os.path.join(os.path.dirname(os.path.abspath(__file__)), "project")
sys.stdout.write(sys.stdin.read())
with open(os.path.join(case_project, "pyproject.toml"), "rb") as f:
    before = f.read()
with open(os.path.join(project, "pyproject.toml"), "rb") as f:
    after = f.read()
print("pyproject.toml unchanged:", before == after)
files = sorted(os.path.relpath(os.path.join(d, f), project) for d, _, fs in os.walk(project) for f in fs)
print("files:", files)

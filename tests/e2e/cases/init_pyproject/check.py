"""Prints what `lmms init` wrote, byte for byte (today's date masked), after its
output, and whether the original pyproject.toml is kept as the first bytes."""
import os
import re
import sys

project = sys.argv[1]
original = os.path.join(os.path.dirname(os.path.abspath(__file__)), "project", "pyproject.toml")
sys.stdout.write(sys.stdin.read())


def read(name):
    with open(os.path.join(project, name), "rb") as f:
        return f.read()


before = open(original, "rb").read()
after = read("pyproject.toml")
print("original pyproject.toml kept byte for byte:", after.startswith(before))
print("added after it:", repr(after[len(before):len(before) + 13]))
for name in ["pyproject.toml", "app/fast_path.py", "tests/__init__.py", "tests/test_fast_path.py"]:
    text = read(name).decode("utf-8")
    text = re.sub(r"^# \d{4}-\d{2}-\d{2}: Created by lmms init$", "# DATE: Created by lmms init", text,
                  flags=re.M)
    print("===== %s (%d lines, ends with newline: %s)" % (name, text.count("\n"), text.endswith("\n")))
    sys.stdout.write(text)

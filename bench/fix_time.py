#!/usr/bin/python3
"""What `lmms fix` adds to `lmms plan` on a project of 100,000 lines.

The bundled example, grown to about 100,000 lines: a package `filler/` of
200 modules of 500 lines, each importing yaml at module level and using it
in one of its functions only, all imported by the entry while it imports
(so every one of them stays on the cold path, and its `import yaml` is
planned lazy and moved by the fix). One `lmms profile`, one `lmms usage`, then, alternating, N runs of
`lmms plan` and of `lmms fix --diff` (the same plan plus every edit, the
re-parses and the diffs; writes nothing). The peer is `lmms plan`: the
figure is the fix's median minus the plan's, and their ratio. Stdlib only.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "lambda_app")
MODULES = 200
LINES = 500


def filler_module(number):
    lines = ['"""Filler module %d: its yaml import serves one function."""' % number, "import yaml", "", ""]
    lines += ["def load_%d(text):" % number, '    """Parse YAML."""', "    return yaml.safe_load(text)", "", ""]
    function = 0
    while len(lines) < LINES - 4:
        lines += ["def helper_%d_%d(values):" % (number, function),
                  "    total = 0",
                  "    for value in values:",
                  "        total += value * %d" % function,
                  "    return total", "", ""]
        function += 1
    return "\n".join(lines) + "\n"


def build(project):
    shutil.copytree(EXAMPLE, project)
    filler = os.path.join(project, "filler")
    os.mkdir(filler)
    with open(os.path.join(filler, "__init__.py"), "w") as f:
        f.write("".join("from filler import m%03d\n" % n for n in range(MODULES)))
        f.write("\nMODULES = [%s]\n" % ", ".join("m%03d" % n for n in range(MODULES)))
    for number in range(MODULES):
        with open(os.path.join(filler, "m%03d.py" % number), "w") as f:
            f.write(filler_module(number))
    handler = os.path.join(project, "app", "handler.py")
    with open(handler) as f:
        text = f.read()
    with open(handler, "w") as f:
        f.write(text.replace("from app import config_loader,", "import filler\nfrom app import config_loader,", 1))
    with open(handler) as f:
        text = f.read()
    with open(handler, "w") as f:  # used while the entry imports: the filler stays on the cold path
        f.write(text.replace("\n_ORDER_PATH", "\nFILLER_MODULES = len(filler.MODULES)\n_ORDER_PATH", 1))
    total = 0
    for directory, _, names in os.walk(project):
        for name in names:
            if name.endswith(".py"):
                with open(os.path.join(directory, name)) as f:
                    total += sum(1 for _ in f)
    return total


def lmms(binary, project, *args):
    started = time.perf_counter()
    result = subprocess.run([binary, *args, "--project", project], capture_output=True, text=True,
                            timeout=900, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit("lmms %s failed (%d):\n%s" % (" ".join(args), result.returncode, result.stderr[-2000:]))
    return elapsed, result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lmms", default=os.path.join(ROOT, "build", "lmms"))
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    binary = os.path.abspath(options.lmms)
    with tempfile.TemporaryDirectory(prefix="lmms-fix-time-") as scratch:
        project = os.path.join(scratch, "app")
        lines = build(project)
        lmms(binary, project, "profile", "--runs", "3")
        lmms(binary, project, "usage")
        plan_times, fix_times = [], []
        moved = 0
        for _ in range(options.runs):
            plan_times.append(lmms(binary, project, "plan")[0])
            elapsed, out = lmms(binary, project, "fix", "--diff")
            fix_times.append(elapsed)
            moved = out.count("\n      -> ")
        plan = statistics.median(plan_times)
        fix = statistics.median(fix_times)
        print("project: %d lines of Python in %d files; %d fixes applied by each `lmms fix --diff`"
              % (lines, MODULES + 10, moved))
        print("lmms plan        median %.3f s (%d runs)" % (plan, options.runs))
        print("lmms fix --diff  median %.3f s (%d runs)" % (fix, options.runs))
        print("the fix adds %.3f s to the plan (%.2fx the plan's time); goal < 1 s" % (fix - plan, fix / plan))


if __name__ == "__main__":
    main()

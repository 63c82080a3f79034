#!/usr/bin/python3
"""`lmms fix --verify` on the bundled example, with default settings: every
event must behave the same in both trees, the measured cut must reach the
spec's 40 % and the measured cold start must be within 15 % of the plan's
prediction. The peer is the tree as it was (the reference `lmms verify`
builds from the snapshot), profiled in the same alternating rounds.

Copies examples/lambda_app into a temporary git repository, runs `lmms run`
(profile, usage, plan), then `lmms fix --verify`, and prints its
verification with the ratios. Exit 1 when a goal is missed. Stdlib only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "lambda_app")


def run(args, cwd):
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@localhost", GIT_COMMITTER_NAME="bench",
               GIT_COMMITTER_EMAIL="bench@localhost")
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800,
                            stdin=subprocess.DEVNULL)
    return result.returncode, result.stdout, result.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lmms", default=os.path.join(ROOT, "build", "lmms"))
    options = parser.parse_args()
    binary = os.path.abspath(options.lmms)
    with tempfile.TemporaryDirectory(prefix="lmms-fix-verify-") as scratch:
        project = os.path.join(scratch, "lambda_app")
        shutil.copytree(EXAMPLE, project)
        for args in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "before"]):
            run(args, project)
        code, out, err = run([binary, "run"], project)
        if code != 0:
            sys.exit("lmms run failed (%d):\n%s" % (code, err[-2000:]))
        code, out, err = run([binary, "fix", "--verify"], project)
        print(out, end="")
        if code != 0:
            sys.exit("lmms fix --verify exited %d:\n%s" % (code, err[-2000:]))
        before = float(re.search(r"reference\s+([\d.]+) ms", out).group(1))
        after = float(re.search(r"working\s+([\d.]+) ms", out).group(1))
        predicted = float(re.search(r"-> ([\d.]+) ms predicted", out).group(1))
        cut = (before - after) / before
        gap = abs(after - predicted) / predicted
        print("\nmeasured cut %.1f %% (goal >= 40 %%); measured / predicted cold start %.3f (goal within 15 %%: %.1f %%)"
              % (100 * cut, after / predicted, 100 * gap))
        if "identical: all" not in out or cut < 0.40 or gap > 0.15:
            sys.exit(1)


if __name__ == "__main__":
    main()

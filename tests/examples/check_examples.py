#!/usr/bin/env python3
"""Each bundled example (examples/NAME) and its hand-optimised copy (tests/examples/NAME.patch
applied to it, tests/examples/hand_copy.py) run the example's workload; every invocation's stdout, stderr and exit code must be the
same in both. Exit 1 with a diff of each difference; 0 when all are identical.

    /usr/bin/python3 tests/examples/check_examples.py [NAME ...]

Stdlib only; run with /usr/bin/python3. The trees are copied to a temporary directory
first, so that no bytecode cache or output is written into the repository."""
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import hand_copy  # noqa: E402
import workload  # noqa: E402

IGNORE = hand_copy.IGNORE  # caches are no part of a tree


def warm_up():
    """matplotlib builds its font cache on first use and says so on stderr: not the app's output."""
    subprocess.run([workload.PYTHON, "-c", "import matplotlib; matplotlib.use('Agg'); "
                    "import matplotlib.pyplot"], capture_output=True, timeout=300)


def differences(name, original, optimised):
    found = []
    if len(original) != len(optimised):
        found.append(f"{name}: {len(original)} invocations in the original, {len(optimised)} in the copy")
    for before, after in zip(original, optimised):
        label = before[0]
        for field, index in (("stdout", 1), ("stderr", 2), ("exit code", 3)):
            if before[index] == after[index]:
                continue
            if field == "exit code":
                found.append(f"{name} {label}: exit code {before[3]} (original) != {after[3]} (optimised)")
                continue
            diff = difflib.unified_diff(before[index].splitlines(), after[index].splitlines(),
                                        "original", "optimised", lineterm="")
            found.append(f"{name} {label}: {field} differs\n" + "\n".join(diff))
    return found


def check(name):
    with tempfile.TemporaryDirectory(prefix=f"lmms-check-{name}-") as tmp:
        # The same depth and basename in both.
        trees = {kind: os.path.join(tmp, kind, name) for kind in ("original", "optimised")}
        shutil.copytree(os.path.join(ROOT, "examples", name), trees["original"], ignore=IGNORE)
        hand_copy.write(name, trees["optimised"])
        original = workload.run(trees["original"])
        optimised = workload.run(trees["optimised"])
    failed = [inv for inv in original if inv[3] != 0]
    problems = differences(name, original, optimised)
    if failed:
        problems.append(f"{name}: {len(failed)} invocations of the original exit non-zero "
                        f"(first: {failed[0][0]}): the workload must succeed")
    return len(original), problems


def main(argv):
    names = argv[1:] or list(workload.EXAMPLES)
    unknown = [n for n in names if n not in workload.EXAMPLES]
    if unknown:
        print(f"check_examples: unknown example {unknown[0]} (one of {', '.join(workload.EXAMPLES)})",
              file=sys.stderr)
        return 2
    warm_up()
    problems = []
    for name in names:
        missing = workload.missing_modules(name)
        if missing:
            print(f"{name}: skipped, /usr/bin/python3 lacks {', '.join(missing)} (make deps installs them)")
            continue
        count, found = check(name)
        print(f"{name}: {count} invocations, " + ("identical" if not found else f"{len(found)} differences"))
        problems += found
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

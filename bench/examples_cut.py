#!/usr/bin/python3
"""The cold-start cut a careful engineer gets by hand on each bundled example: the
target `lmms fix --verify` must reach 90 % of (issue 15, section 6).

For each example, examples/NAME (the original) and its hand-optimised copy (the same code,
tests/examples/NAME.patch applied: its imports made lazy by hand) are copied to a temporary directory and started in
alternating rounds (a warm-up each, which writes the bytecode caches, then original,
optimised, original, ... --rounds times). A start is what `lmms profile` calls the cold
start: spawn of a fresh /usr/bin/python3 to the moment the entry module is imported (and
its handler resolved), reported on a pipe. Prints each tree's median, the ratio of the
medians and the cut (1 - optimised / original) in %, with the 90 % target beside it.

    /usr/bin/python3 bench/examples_cut.py [--rounds N] [NAME ...]

Stdlib only. The figures depend on the machine: this is a measurement, not a test."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "examples"))
import hand_copy  # noqa: E402
import workload  # noqa: E402

PROBE = ("import importlib, sys\n"
         "module, _, function = sys.argv[1].partition(':')\n"
         "loaded = importlib.import_module(module)\n"
         "if function: getattr(loaded, function)\n"
         "sys.stdout.write('ready\\n'); sys.stdout.flush()\n")


def cold_start(tree, entry, env):
    """Milliseconds from spawn to the entry's import reported done."""
    start = time.perf_counter()
    child = subprocess.Popen([workload.PYTHON, "-c", PROBE, entry], cwd=tree, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    line = child.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    _, err = child.communicate(timeout=300)
    if line != b"ready\n" or child.returncode != 0:
        raise SystemExit(f"examples_cut: {tree}: the entry {entry} does not import:\n{err.decode()}")
    return elapsed


def measure(name, rounds, tmp):
    trees = [os.path.join(tmp, kind, name) for kind in ("original", "optimised")]
    shutil.copytree(os.path.join(ROOT, "examples", name), trees[0], ignore=hand_copy.IGNORE)
    hand_copy.write(name, trees[1])
    entry = workload.config(trees[0])["entry"]
    samples = {tree: [] for tree in trees}
    envs = {tree: workload.environment(tree) for tree in trees}
    for tree in trees:
        cold_start(tree, entry, envs[tree])  # warm-up: bytecode caches, page cache
    for _ in range(rounds):
        for tree in trees:
            samples[tree].append(cold_start(tree, entry, envs[tree]))
    before, after = (statistics.median(samples[tree]) for tree in trees)
    return entry, before, after


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("names", nargs="*", default=list(workload.EXAMPLES))
    args = parser.parse_args()
    print(f"cold start, spawn to entry imported, median of {args.rounds} alternating rounds "
          f"({workload.PYTHON})")
    print(f"  {'example':<14}{'entry':<26}{'original':>11}{'optimised':>12}{'ratio':>8}"
          f"{'cut':>9}{'90 % of it':>12}")
    with tempfile.TemporaryDirectory(prefix="lmms-examples-cut-") as tmp:
        for name in args.names:
            entry, before, after = measure(name, args.rounds, tmp)
            cut = 100 * (1 - after / before)
            print(f"  {name:<14}{entry:<26}{before:>8.1f} ms{after:>9.1f} ms{after / before:>8.3f}"
                  f"{cut:>8.1f} %{0.9 * cut:>10.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())

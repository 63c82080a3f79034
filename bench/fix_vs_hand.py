#!/usr/bin/python3
"""What `lmms fix` reaches on each bundled example against the same example optimised by
hand, in the same alternating rounds (issue 15, section 6: the target is 90 % of the hand
copy's cut).

For each example, three trees are started in alternating rounds: examples/NAME (the
original), a copy on which `lmms run` then `lmms fix --verify` ran (with --unsafe-fixes
unless --safe-only), and the hand-optimised copy (examples/NAME with tests/examples/NAME.patch
applied). A start is what `lmms profile` calls the cold start: spawn of a fresh /usr/bin/python3 to the entry module imported
(and its handler resolved). Prints each tree's median, each cut (1 - tree / original) and the
ratio of lmms's cut to the hand copy's, with whether lmms fix --verify found the outputs
identical.

    /usr/bin/python3 bench/fix_vs_hand.py [--lmms build/lmms] [--rounds N] [--safe-only] [NAME ...]

Stdlib only. The figures depend on the machine: this is a measurement, not a test."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "examples"))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import hand_copy  # noqa: E402
import workload  # noqa: E402
from examples_cut import cold_start  # noqa: E402


def lmms_fixed(lmms, source, tree, unsafe):
    """Copies `source` to `tree`, runs the pipeline and the fix on it; whether the fix verified."""
    shutil.copytree(source, tree, ignore=shutil.ignore_patterns("__pycache__", ".lmms"))
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    steps = [[lmms, "run", "--project", tree],
             [lmms, "fix", "--verify", "--no-profile", "--allow-dirty", "--project", tree]
             + (["--unsafe-fixes"] if unsafe else [])]
    for step in steps:
        done = subprocess.run(step, env=env, capture_output=True, text=True, timeout=3600,
                              stdin=subprocess.DEVNULL)
        if done.returncode not in (0, 1):
            raise SystemExit(f"fix_vs_hand: {' '.join(step)} exited {done.returncode}:\n"
                             f"{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return "identical" if done.returncode == 0 and "identical" in done.stdout else "DIFFERENT (restored)"


def measure(lmms, name, rounds, unsafe, tmp):
    original = os.path.join(tmp, "original", name)
    shutil.copytree(os.path.join(ROOT, "examples", name), original,
                    ignore=shutil.ignore_patterns("__pycache__", ".lmms"))
    fixed = os.path.join(tmp, "lmms", name)
    verdict = lmms_fixed(lmms, os.path.join(ROOT, "examples", name), fixed, unsafe)
    hand = os.path.join(tmp, "hand", name)
    hand_copy.write(name, hand)
    trees = [original, fixed, hand]
    entry = workload.config(original)["entry"]
    envs = {tree: workload.environment(tree) for tree in trees}
    samples = {tree: [] for tree in trees}
    for tree in trees:
        cold_start(tree, entry, envs[tree])  # warm-up: bytecode caches, page cache
    for _ in range(rounds):
        for tree in trees:
            samples[tree].append(cold_start(tree, entry, envs[tree]))
    return verdict, [statistics.median(samples[tree]) for tree in trees]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lmms", default=os.path.join(ROOT, "build", "lmms"))
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--safe-only", action="store_true", help="lmms fix without --unsafe-fixes")
    parser.add_argument("names", nargs="*", default=list(workload.EXAMPLES))
    args = parser.parse_args()
    fixes = "lmms fix --verify" + ("" if args.safe_only else " --unsafe-fixes")
    print(f"cold start, spawn to entry imported, median of {args.rounds} alternating rounds "
          f"({workload.PYTHON}); lmms = {fixes}")
    print(f"  {'example':<14}{'original':>11}{'lmms':>11}{'hand':>11}{'lmms cut':>10}{'hand cut':>10}"
          f"{'lmms/hand':>11}  outputs")
    with tempfile.TemporaryDirectory(prefix="lmms-fix-vs-hand-") as tmp:
        for name in args.names:
            verdict, (before, fixed, hand) = measure(args.lmms, name, args.rounds, not args.safe_only, tmp)
            lmms_cut, hand_cut = 1 - fixed / before, 1 - hand / before
            print(f"  {name:<14}{before:>8.1f} ms{fixed:>8.1f} ms{hand:>8.1f} ms{100 * lmms_cut:>8.1f} %"
                  f"{100 * hand_cut:>8.1f} %{lmms_cut / hand_cut:>11.2f}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Accuracy of `lmms profile` against outside measurements of the same imports.

(a) Cold start: LMMS's `cold_start.total_us.median` (from `lmms profile --runs 20
    --format json`; measured from spawn to the probe's "ready", no teardown)
    against hyperfine's median wall time of
      /usr/bin/python3 -X importtime -c 'import app.handler'                     (includes teardown)
      /usr/bin/python3 -X importtime -c 'import app.handler, os; os._exit(0)'   (skips teardown)
    both run by hyperfine with --warmup 2 --runs 20 -N, cwd = PROJECT.
(b) Per-module cumulative cost: for the 10 modules with the largest
    `cumulative_us.median` in that LMMS profile, the median over 10 plain
    `/usr/bin/python3 -X importtime -c "import app.handler"` runs parsed here
    (the record with the module's name; if repeated, the largest cumulative).
Order, to cancel slow drift of the machine's speed: 5 plain runs, lmms, 5 plain
runs, then the two hyperfine commands (no-teardown first).
Stdlib only; run with /usr/bin/python3.
"""
import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = "/usr/bin/python3"
HYPERFINE = "hyperfine"
TEARDOWN_CMD = "/usr/bin/python3 -X importtime -c 'import app.handler'"
NO_TEARDOWN_CMD = "/usr/bin/python3 -X importtime -c 'import app.handler, os; os._exit(0)'"
PLAIN_ARGV = [PYTHON, "-X", "importtime", "-c", "import app.handler"]
RECORD = re.compile(r"^import time:\s*(\d+|cached)\s*\|\s*(\d+|cached)\s*\|( +)(\S.*?)\s*$")


def fail(message):
    sys.exit(message)


def run_lmms(lmms, project, runs):
    argv = [lmms, "profile", "--runs", str(runs), "--format", "json", "--project", project]
    done = subprocess.run(argv, cwd=project, stdin=subprocess.DEVNULL, capture_output=True)
    if done.returncode != 0:
        fail("lmms failed (exit %d):\n%s" % (done.returncode, done.stderr.decode(errors="replace")))
    return argv, json.loads(done.stdout)


def hyperfine_median(command, project, workdir, tag):
    export = os.path.join(workdir, tag + ".json")
    argv = [HYPERFINE, "--warmup", "2", "--runs", "20", "--export-json", export, "-N", "--", command]
    done = subprocess.run(argv, cwd=project, stdin=subprocess.DEVNULL, capture_output=True)
    if done.returncode != 0:
        fail("hyperfine failed (exit %d):\n%s" % (done.returncode, done.stderr.decode(errors="replace")))
    with open(export) as handle:
        result = json.load(handle)["results"][0]
    return argv, result["median"] * 1e6  # seconds -> us


def show_hyperfine(argv):
    return " ".join(argv[:-1]) + ' "' + argv[-1] + '"'


def parse_cumulative(stderr_text):
    """Module name -> largest cumulative us among its importtime records."""
    best = {}
    for line in stderr_text.splitlines():
        match = RECORD.match(line)
        if not match or match.group(2) == "cached":
            continue
        name, cumulative = match.group(4), int(match.group(2))
        if cumulative > best.get(name, -1):
            best[name] = cumulative
    return best


def plain_runs(project, count):
    runs = []
    for _ in range(count):
        done = subprocess.run(PLAIN_ARGV, cwd=project, stdin=subprocess.DEVNULL, capture_output=True)
        if done.returncode != 0:
            fail("plain run failed (exit %d):\n%s" % (done.returncode, done.stderr.decode(errors="replace")))
        runs.append(parse_cumulative(done.stderr.decode(errors="replace")))
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lmms", default=str(REPO / "build" / "lmms"), help="lmms binary (default: build/lmms)")
    parser.add_argument("--project", default=str(REPO / "examples" / "lambda_app"),
                        help="project to profile (default: examples/lambda_app)")
    args = parser.parse_args()
    lmms = str(Path(args.lmms).resolve())
    project = str(Path(args.project).resolve())

    plain_before = plain_runs(project, 5)
    lmms_argv, profile = run_lmms(lmms, project, 20)
    plain_after = plain_runs(project, 5)
    runs = plain_before + plain_after

    # (a) cold start
    lmms_us = profile["cold_start"]["total_us"]["median"]
    with tempfile.TemporaryDirectory(prefix="lmms-bench-") as workdir:
        hf2_argv, no_teardown_us = hyperfine_median(NO_TEARDOWN_CMD, project, workdir, "no_teardown")
        hf_argv, teardown_us = hyperfine_median(TEARDOWN_CMD, project, workdir, "teardown")
    print("(a) cold start, median (cwd %s)" % project)
    print("  lmms:   %s" % shlex.join(lmms_argv))
    print("  hyperfine: %s" % show_hyperfine(hf_argv))
    print("  hyperfine: %s" % show_hyperfine(hf2_argv))
    print("  %-44s %9.1f ms" % ("lmms cold_start.total_us.median", lmms_us / 1000))
    print("  %-44s %9.1f ms   lmms/this %.3f" % ("hyperfine, with teardown", teardown_us / 1000,
                                                 lmms_us / teardown_us))
    print("  %-44s %9.1f ms   lmms/this %.3f" % ("hyperfine, os._exit(0) (no teardown)", no_teardown_us / 1000,
                                                 lmms_us / no_teardown_us))

    # (b) per-module cumulative cost
    modules = [m for m in profile["modules"] if m.get("cumulative_us", {}).get("median") is not None]
    top = sorted(modules, key=lambda m: m["cumulative_us"]["median"], reverse=True)[:10]
    print()
    print("(b) per-module cumulative cost: top 10 by lmms median (same lmms --runs 20) vs median of 10 plain runs"
          " (5 before lmms, 5 after) of")
    print("  %s  (cwd %s)" % (shlex.join(PLAIN_ARGV), project))
    print("  %-32s %10s %10s %7s" % ("module", "lmms ms", "plain ms", "ratio"))
    deviations = []
    for module in top:
        name = module["name"]
        lmms_ms = module["cumulative_us"]["median"] / 1000
        samples = [run[name] for run in runs if name in run]
        if not samples:
            print("  %-32s %10.1f %10s %7s" % (name, lmms_ms, "absent", "-"))
            continue
        plain_ms = statistics.median(samples) / 1000
        ratio = lmms_ms / plain_ms
        deviations.append(abs(ratio - 1))
        note = "" if len(samples) == len(runs) else "  (in %d of %d plain runs)" % (len(samples), len(runs))
        print("  %-32s %10.1f %10.1f %7.3f%s" % (name, lmms_ms, plain_ms, ratio, note))
    first = top[0]["name"] if top else None
    before = [run[first] for run in plain_before if first in run]
    after = [run[first] for run in plain_after if first in run]
    if before and after:
        print("  drift check, %s: plain median %.1f ms before lmms, %.1f ms after"
              % (first, statistics.median(before) / 1000, statistics.median(after) / 1000))
    if deviations:
        print("  median absolute ratio deviation, median over modules of |lmms/plain - 1|: %.3f (%.1f%%)"
              % (statistics.median(deviations), 100 * statistics.median(deviations)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

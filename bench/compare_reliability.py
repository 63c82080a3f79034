#!/usr/bin/python3
"""How trustworthy `lmms compare`'s cold-start gate is: false alarms on unchanged code, detections of a
known slowdown, against simpler gates judged on the very same samples.

1. Copies the project (default examples/lambda_app, without its .lmms) and runs `lmms baseline` once,
   with default settings (20 fresh-interpreter runs).
2. Makes a second copy with the same .lmms/baseline.json and injects a slowdown into it: a module
   `<package>/_slow_import.py` whose body burns CPU for a fixed amount of work (a pure-Python loop with
   a fixed iteration count: no sleep, no clock), imported at module level by the entry module right
   after its leading imports. The iteration count is calibrated before the trials so that the import
   costs --slowdown (default 15 %) of the baseline's median cold start: a separate interpreter (the
   baseline's own) times the same function over CALIBRATION_ITERATIONS iterations
   CALIBRATION_REPETITIONS times, and the median time per iteration gives the count.
3. Runs --trials (default 20) trials; each runs `lmms compare --format json` with default settings
   (no --tolerance, no --runs) once on the unchanged copy and once on the slowed copy, the order
   alternating from trial to trial, so that the machine's drift falls on both conditions alike.
   A regression on the unchanged copy is a false alarm; one on the slowed copy a detection.
   The slowdown actually achieved is the median of the slowed compares' `change`.
4. Peers, judged on the same samples (each compare's baseline.samples_ms and current.samples_ms),
   with lmms's tolerance (the compare JSON's `tolerance`, 10 % by default):
   - naive: regression when the current median exceeds the baseline median x (1 + tolerance),
     without any significance test;
   - pyperf compare_to --min-speed (tolerance in percent): pyperf's significance test, a Student
     two-sample two-tailed t-test with pooled variance at 95 %, the critical value from pyperf's own
     table (pyperf/_utils.py: tdist95conf_level; 2.042 for 20 + 20 samples, df 38, where the exact
     Student value is 2.024 and the normal approximation 1.960), then "not significant" when the
     ratio of means differs from 1 by less than the tolerance; a regression is significant and slower
     (mean ratio > 1);
   - t-test alone: the same t-test without the tolerance, significant and slower.
Prints each trial, a table gate x (false alarms / N, detections / N) and a summary line; exits 1 when
lmms compare misses its goal (0 false alarms and detections in at least 95 % of trials).
Progress goes to stderr when it is a terminal. --json PATH writes every trial's raw results.
Stdlib only; run with /usr/bin/python3. Each compare takes about 15 s; the default run about 10 minutes.
"""
import argparse
import ast
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "lambda_app")
CALIBRATION_ITERATIONS = 1_000_000
CALIBRATION_REPETITIONS = 9
DETECTION_GOAL = 0.95  # share of trials the injected slowdown must be flagged in

# The work of the injected module, the same text in the calibration and in the module.
BURN_SOURCE = '''\
def _burn(iterations):
    value = 0
    for i in range(iterations):
        value = (value * 31 + i) & 0xFFFFF
    return value
'''

CALIBRATE = BURN_SOURCE + '''
import statistics, sys, time
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter_ns()
    _burn(int(sys.argv[1]))
    times.append(time.perf_counter_ns() - start)
print(statistics.median(times) / int(sys.argv[1]))
'''

# pyperf/_utils.py: _T_DIST_95_CONF_LEVELS and tdist95conf_level (two-tailed 95 % critical values).
T_TABLE_95 = [0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
              2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
              2.048, 2.045, 2.042]

GATES = [
    ("lmms", "lmms compare (speed-corrected: median > tolerance and Mann-Whitney p < 0.01)"),
    ("raw", "lmms compare --raw (the same rule, samples as measured)"),
    ("naive", "naive: current median > baseline median x (1 + tolerance)"),
    ("pyperf", "pyperf compare_to --min-speed (t-test 95 % and mean ratio >= tolerance)"),
    ("ttest", "t-test alone (pyperf's, 95 %, slower)"),
]

PROGRESS = sys.stderr.isatty()


def progress(text):
    if PROGRESS:
        print(text, file=sys.stderr, flush=True)


def lmms(binary, project, *args):
    """Runs lmms; returns (exit code, stdout). Exit codes other than 0 and 1 stop the script."""
    done = subprocess.run([binary, *args, "--project", project], capture_output=True, text=True, timeout=900,
                          stdin=subprocess.DEVNULL)
    if done.returncode not in (0, 1):
        sys.exit("lmms %s failed (exit %d):\n%s" % (" ".join(args), done.returncode, done.stderr[-4000:]))
    return done.returncode, done.stdout


def entry_file(project):
    """The entry module's name and source file, from [tool.lmms] entry and src."""
    with open(os.path.join(project, "pyproject.toml"), "rb") as f:
        config = tomllib.load(f)["tool"]["lmms"]
    module = config["entry"].split(":")[0]
    parts = module.split(".")
    for src in config.get("src", ["."]):
        for candidate in (os.path.join(project, src, *parts) + ".py",
                          os.path.join(project, src, *parts, "__init__.py")):
            if os.path.isfile(candidate):
                return module, candidate
    sys.exit("entry module %s not found under the src roots of %s" % (module, project))


def inject_slowdown(project, iterations):
    """Writes the CPU-burning module beside the entry and imports it at the top of the entry.
    Returns (the import statement, the module's path relative to the project)."""
    module, path = entry_file(project)
    if path.endswith("__init__.py"):
        package = module
    else:
        package = module.rpartition(".")[0]
    slow_name = (package + "." if package else "") + "_slow_import"
    slow_path = os.path.join(os.path.dirname(path), "_slow_import.py")
    with open(slow_path, "w") as f:
        f.write('"""Injected by bench/compare_reliability.py: a fixed amount of CPU work at import time."""\n\n'
                + BURN_SOURCE + "\n\n_burn(%d)\n" % iterations)
    with open(path) as f:
        source = f.read()
    body = ast.parse(source).body
    # After the docstring and the leading run of imports (so after any `from __future__`).
    after = 0
    index = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        after = body[0].end_lineno
        index = 1
    while index < len(body) and isinstance(body[index], (ast.Import, ast.ImportFrom)):
        after = body[index].end_lineno
        index += 1
    statement = "import %s" % slow_name
    lines = source.splitlines(keepends=True)
    lines.insert(after, statement + "  # injected slowdown (bench/compare_reliability.py)\n")
    with open(path, "w") as f:
        f.write("".join(lines))
    return "%s:%d  %s" % (os.path.relpath(path, project), after + 1, statement), os.path.relpath(slow_path, project)


def calibrate(python):
    """Nanoseconds per iteration of _burn, median of the repetitions, in a separate interpreter."""
    done = subprocess.run([python, "-c", CALIBRATE, str(CALIBRATION_ITERATIONS), str(CALIBRATION_REPETITIONS)],
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        sys.exit("calibration failed (exit %d):\n%s" % (done.returncode, done.stderr[-4000:]))
    return float(done.stdout)


def t_critical_95(df):
    """pyperf's tdist95conf_level."""
    df = int(round(df))
    for low, value in ((200, 1.960), (100, 1.984), (80, 1.990), (60, 2.000), (50, 2.009), (40, 2.021)):
        if df >= low:
            return value
    return T_TABLE_95[min(df, len(T_TABLE_95) - 1)]


def t_score(before, after):
    """Student's two-sample t with pooled variance, after minus before (positive: slower).
    pyperf requires equal sample sizes; this is the general pooled form, identical when they are equal."""
    n1, n2 = len(before), len(after)
    m1, m2 = statistics.fmean(before), statistics.fmean(after)
    pooled = (math.fsum((x - m1) ** 2 for x in before) + math.fsum((x - m2) ** 2 for x in after)) / (n1 + n2 - 2)
    error = math.sqrt(pooled * (1 / n1 + 1 / n2))
    if error == 0:
        return math.inf if m2 > m1 else -math.inf if m2 < m1 else 0.0
    return (m2 - m1) / error


def mann_whitney_p(before, after):
    """One-sided Mann-Whitney U (after > before), normal approximation with tie and continuity
    corrections: lmms's test for samples this large."""
    pooled = sorted([(x, 0) for x in before] + [(x, 1) for x in after])
    ranks, i, ties = [0.0] * len(pooled), 0, 0.0
    while i < len(pooled):
        j = i
        while j + 1 < len(pooled) and pooled[j + 1][0] == pooled[i][0]:
            j += 1
        for k in range(i, j + 1):
            ranks[k] = (i + j) / 2 + 1
        ties += (j - i + 1) ** 3 - (j - i + 1)
        i = j + 1
    n, m = len(before), len(after)
    u = sum(r for r, (_, side) in zip(ranks, pooled) if side == 1) - m * (m + 1) / 2
    variance = n * m / 12 * ((n + m + 1) - ties / ((n + m) * (n + m - 1)))
    if variance <= 0:
        return 1.0
    z = (u - n * m / 2 - 0.5) / math.sqrt(variance)
    return 0.5 * math.erfc(z / math.sqrt(2))


def judge(result):
    """Every gate's verdict on one compare's samples."""
    before, after = result["baseline"]["samples_ms"], result["current"]["samples_ms"]
    tolerance = result["tolerance"]
    median_before, median_after = statistics.median(before), statistics.median(after)
    mean_ratio = statistics.fmean(after) / statistics.fmean(before)
    t = t_score(before, after)
    critical = t_critical_95(len(before) + len(after) - 2)
    significant = abs(t) >= critical
    return {
        "lmms": bool(result["regression"]),
        "raw": median_after > median_before * (1 + tolerance) and mann_whitney_p(before, after) < 0.01,
        "naive": median_after > median_before * (1 + tolerance),
        # pyperf: significant unless |mean ratio - 1| (inverted when faster) is below --min-speed.
        "pyperf": significant and mean_ratio > 1 and (mean_ratio - 1) >= tolerance,
        "ttest": significant and mean_ratio > 1,
        "t": t, "t_critical": critical, "mean_ratio": mean_ratio,
        "median_change": median_after / median_before - 1,
    }


def compare(binary, project, condition, trial):
    start = time.perf_counter()
    code, out = lmms(binary, project, "compare", "--format", "json")
    result = json.loads(out)
    if (code == 1) != bool(result["regression"]):
        sys.exit("lmms compare: exit %d but \"regression\": %s (trial %d, %s)" % (
            code, result["regression"], trial, condition))
    for side in ("baseline", "current"):
        mine = statistics.median(result[side]["samples_ms"])
        if abs(mine - result[side]["median_ms"]) > 0.01:
            sys.exit("lmms compare: %s.median_ms %.3f is not the median of its samples_ms (%.3f)" % (
                side, result[side]["median_ms"], mine))
    return {"trial": trial, "condition": condition, "exit_code": code, "seconds": time.perf_counter() - start,
            "gates": judge(result), "compare": result}


def describe(record):
    r, g = record["compare"], record["gates"]
    return "%s %+.1f %% (p %.2g, t %+.2f) %s" % (
        record["condition"], 100 * r["change"], r["p_slower"], g["t"],
        "REGRESSION" if r["regression"] else "no regression")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lmms", default=os.path.join(ROOT, "build", "lmms"))
    parser.add_argument("--project", default=EXAMPLE)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--slowdown", type=float, default=0.15,
                        help="injected slowdown, a fraction of the baseline's median cold start (default 0.15)")
    parser.add_argument("--json", help="write every trial's raw results here")
    options = parser.parse_args()
    if options.trials < 1 or options.slowdown <= 0:
        parser.error("--trials must be >= 1 and --slowdown > 0")
    binary = os.path.abspath(options.lmms)
    with tempfile.TemporaryDirectory(prefix="lmms-compare-reliability-") as tmp:
        unchanged = os.path.join(tmp, "unchanged")
        slowed = os.path.join(tmp, "slowed")
        shutil.copytree(options.project, unchanged, ignore=shutil.ignore_patterns(".lmms", "__pycache__"))
        progress("lmms baseline ...")
        lmms(binary, unchanged, "baseline", "--format", "json")
        with open(os.path.join(unchanged, ".lmms", "baseline.json")) as f:
            baseline = json.load(f)
        shutil.copytree(unchanged, slowed, ignore=shutil.ignore_patterns("__pycache__", "profile.json"))
        baseline_ms = baseline["cold_start"]["total_us"]["median"] / 1000
        python = baseline["environment"]["python"]

        progress("calibrating the injected work with %s ..." % python)
        ns_per_iteration = calibrate(python)
        target_ms = options.slowdown * baseline_ms
        iterations = max(1, round(target_ms * 1e6 / ns_per_iteration))
        site, slow_path = inject_slowdown(slowed, iterations)

        print("lmms: %s compare --format json --project COPY  (default tolerance and runs)" % binary)
        print("baseline: %s baseline --project %s: %d runs, median %.1f ms (%s, Python %s)" % (
            binary, unchanged, len(baseline["runs"]), baseline_ms, python,
            baseline["environment"]["python_version"]))
        print("injected: %s imports %s: %d iterations of a pure-Python loop, %.1f ns/iteration (median of %d x "
              "%d in %s) = %.1f ms expected, %.1f %% of the baseline median" % (
                  site, slow_path, iterations, ns_per_iteration, CALIBRATION_REPETITIONS,
                  CALIBRATION_ITERATIONS, python, iterations * ns_per_iteration / 1e6,
                  100 * iterations * ns_per_iteration / 1e6 / baseline_ms))
        print("trials: %d, each one compare of the unchanged copy and one of the slowed copy, order alternating"
              % options.trials)
        sys.stdout.flush()

        records = []
        for trial in range(1, options.trials + 1):
            order = [("unchanged", unchanged), ("slowed", slowed)]
            if trial % 2 == 0:
                order.reverse()
            pair = {}
            for condition, project in order:
                progress("trial %d/%d: lmms compare (%s) ..." % (trial, options.trials, condition))
                pair[condition] = compare(binary, project, condition, trial)
                records.append(pair[condition])
            print("trial %d: %s | %s" % (trial, describe(pair["unchanged"]), describe(pair["slowed"])))
            sys.stdout.flush()

    n = options.trials
    counts = {key: {condition: sum(1 for r in records if r["condition"] == condition and r["gates"][key])
                    for condition in ("unchanged", "slowed")} for key, _ in GATES}
    changes = {condition: [r["compare"]["change"] for r in records if r["condition"] == condition]
               for condition in ("unchanged", "slowed")}
    raw_changes = {condition: [r["compare"]["raw_change"] for r in records if r["condition"] == condition]
                   for condition in ("unchanged", "slowed")}
    added_ms = [r["compare"]["current"]["median_ms"] - r["compare"]["baseline"]["median_ms"]
                for r in records if r["condition"] == "slowed"]
    tolerance = records[0]["compare"]["tolerance"]
    print()
    print("achieved: slowed copy median change %+.1f %% (%+.1f ms; range %+.1f .. %+.1f %%), "
          "unchanged copy %+.1f %% (range %+.1f .. %+.1f %%); injected %.1f %%, tolerance %.0f %%" % (
              100 * statistics.median(changes["slowed"]), statistics.median(added_ms),
              100 * min(changes["slowed"]), 100 * max(changes["slowed"]),
              100 * statistics.median(changes["unchanged"]), 100 * min(changes["unchanged"]),
              100 * max(changes["unchanged"]), 100 * options.slowdown, 100 * tolerance))
    print("as measured (before the speed correction): slowed %+.1f %% (range %+.1f .. %+.1f %%), unchanged %+.1f %% "
          "(range %+.1f .. %+.1f %%)" % (
              100 * statistics.median(raw_changes["slowed"]), 100 * min(raw_changes["slowed"]),
              100 * max(raw_changes["slowed"]), 100 * statistics.median(raw_changes["unchanged"]),
              100 * min(raw_changes["unchanged"]), 100 * max(raw_changes["unchanged"])))
    width = max(len(label) for _, label in GATES)
    print()
    print("%-*s  %12s  %10s" % (width, "gate (same samples)", "false alarms", "detections"))
    for key, label in GATES:
        print("%-*s  %12s  %10s" % (width, label, "%d/%d" % (counts[key]["unchanged"], n),
                                    "%d/%d" % (counts[key]["slowed"], n)))
    print()
    needed = math.ceil(DETECTION_GOAL * n)
    false_alarms, detections = counts["lmms"]["unchanged"], counts["lmms"]["slowed"]
    met = false_alarms == 0 and detections >= needed
    print("lmms compare: false alarms %d/%d, detections %d/%d (goal 0 and >= %d): %s" % (
        false_alarms, n, detections, n, needed, "met" if met else "missed"))

    if options.json:
        with open(options.json, "w") as f:
            json.dump({"lmms": binary, "project": os.path.abspath(options.project), "trials": n,
                       "slowdown": options.slowdown, "baseline_ms": baseline_ms, "baseline_runs": len(baseline["runs"]),
                       "python": python, "ns_per_iteration": ns_per_iteration, "iterations": iterations,
                       "injected_site": site, "counts": counts, "met": met, "records": records}, f, indent=1)
            f.write("\n")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()

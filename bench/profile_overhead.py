#!/usr/bin/python3
"""Overhead of `lmms profile`: its wall time against the bare interpreter runs it wraps.

LMMS:  lmms profile --runs N --format json --project PROJECT
       (1 warm-up run + N timed runs, each timed run preceded by a short "floor" run)
Peer:  1 + N sequential `/usr/bin/python3 -X importtime -c "import app.handler"` runs,
       cwd = PROJECT, stdout and stderr captured to pipes that are drained.

Both are timed with time.perf_counter around the whole thing. The comparison is
repeated ROUNDS times, alternating the order each round, and the medians are
compared. Also prints LMMS's own peak RSS (`lmms_peak_rss_kb` from its JSON).

For context only (not the goal's peer), each round also times 1 + N runs of
`... -c "import app.handler, os; os._exit(0)"`, which skip interpreter teardown
as LMMS's probe does, and splits LMMS's wall time using its own JSON: the sum
of the timed runs (spawn -> ready), the sum of the floor runs (spawn -> ready),
and the rest (warm-up run, children's exit after "ready", LMMS's own work).

LMMS's peak RSS is its own VmHWM (/proc/self/status), which, unlike
getrusage's ru_maxrss, does not carry over this script's own memory.
Stdlib only; run with /usr/bin/python3.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = "/usr/bin/python3"
PEER_ARGV = [PYTHON, "-X", "importtime", "-c", "import app.handler"]
NO_TEARDOWN_ARGV = [PYTHON, "-X", "importtime", "-c", "import app.handler, os; os._exit(0)"]
RATIO_GOAL = 1.05
RSS_GOAL_KB = 50 * 1024


def run_lmms(argv, project):
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=project, stdin=subprocess.DEVNULL, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit("lmms failed (exit %d):\n%s" % (done.returncode, done.stderr.decode(errors="replace")))
    profile = json.loads(done.stdout)
    runs_s = sum(run["total_us"] for run in profile["runs"]) / 1e6
    floors_s = sum(profile["cold_start"]["interpreter_start_samples_us"]) / 1e6
    return {"wall": elapsed, "rss": profile["lmms_peak_rss_kb"],
            "runs": runs_s, "floors": floors_s, "rest": elapsed - runs_s - floors_s}


def run_peer(project, count, argv=PEER_ARGV):
    start = time.perf_counter()
    for _ in range(count):
        done = subprocess.run(argv, cwd=project, stdin=subprocess.DEVNULL, capture_output=True)
        if done.returncode != 0:
            sys.exit("peer run failed (exit %d):\n%s" % (done.returncode, done.stderr.decode(errors="replace")))
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lmms", default=str(REPO / "build" / "lmms"), help="lmms binary (default: build/lmms)")
    parser.add_argument("--project", default=str(REPO / "examples" / "lambda_app"),
                        help="project to profile (default: examples/lambda_app)")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per lmms profile (default 10)")
    parser.add_argument("--rounds", type=int, default=5, help="comparison rounds (default 5)")
    args = parser.parse_args()

    lmms = str(Path(args.lmms).resolve())
    project = str(Path(args.project).resolve())
    lmms_argv = [lmms, "profile", "--runs", str(args.runs), "--format", "json", "--project", project]
    peer_count = 1 + args.runs

    print("lmms: %s  (cwd %s)" % (" ".join(lmms_argv), project))
    print("peer: %d x %s  (cwd %s, sequential)" % (peer_count, " ".join(PEER_ARGV[:4]) + ' "import app.handler"',
                                                  project))
    print("context: %d x %s \"import app.handler, os; os._exit(0)\" (no teardown)"
          % (peer_count, " ".join(NO_TEARDOWN_ARGV[:4])))
    lmms_rounds, peer_times, bare_times = [], [], []
    for round_index in range(args.rounds):
        steps = ["lmms", "peer", "no-teardown"]
        if round_index % 2 == 1:
            steps.reverse()
        for step in steps:
            if step == "lmms":
                result = run_lmms(lmms_argv, project)
            elif step == "peer":
                peer_s = run_peer(project, peer_count)
            else:
                bare_s = run_peer(project, peer_count, NO_TEARDOWN_ARGV)
        lmms_rounds.append(result)
        peer_times.append(peer_s)
        bare_times.append(bare_s)
        print("round %d (%s): lmms %.3f s  peer %.3f s  ratio %.3f | no-teardown %.3f s | lmms peak RSS %d KB"
              % (round_index + 1, " > ".join(steps), result["wall"], peer_s, result["wall"] / peer_s, bare_s,
                 result["rss"]))

    def median_of(key):
        return statistics.median(r[key] for r in lmms_rounds)

    lmms_median = median_of("wall")
    peer_median = statistics.median(peer_times)
    bare_median = statistics.median(bare_times)
    ratio = lmms_median / peer_median
    peak = max(r["rss"] for r in lmms_rounds)
    print()
    print("median wall time: lmms %.3f s, peer %.3f s" % (lmms_median, peer_median))
    print("ratio of medians (lmms / peer): %.3f  goal <= %.2f: %s"
          % (ratio, RATIO_GOAL, "met" if ratio <= RATIO_GOAL else "NOT met"))
    print("lmms peak RSS (max over rounds): %d KB = %.1f MiB  goal < 50 MiB: %s"
          % (peak, peak / 1024, "met" if peak < RSS_GOAL_KB else "NOT met"))
    print()
    print("context: no-teardown runs median %.3f s; lmms / no-teardown %.3f" % (bare_median, lmms_median / bare_median))
    print("context: lmms wall split (medians): timed runs spawn->ready %.3f s, floor runs %.3f s, rest %.3f s"
          % (median_of("runs"), median_of("floors"), median_of("rest")))
    return 0


if __name__ == "__main__":
    sys.exit(main())

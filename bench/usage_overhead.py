#!/usr/bin/python3
"""Overhead of `lmms usage`'s line tracing: the same workload with and without it.

Two workloads, each run in the same rounds, order alternating:
  1. The bundled example (examples/lambda_app, 120 events, /usr/bin/python3):
     `lmms usage --format json` against its peer, an untraced loop in a fresh
     /usr/bin/python3 that imports the entry and calls the handler once per
     event exactly as the probe does (same events, same context object).
     Compared: the whole wall time (lmms also scans the project and writes
     .lmms/usage.json), and the handler time summed over the events (lmms's
     from its JSON, the loop's from its own perf_counter_ns).
  2. A worst case generated here: a handler whose time is all pure-Python
     loops in project files (every line traced), 200 events. Run on
     /usr/bin/python3 (sys.settrace) and on each 3.12+ interpreter found
     (sys.monitoring), each against its own untraced loop.
Prints the medians and the ratios traced / untraced. Stdlib only.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "lambda_app")

PROBE = os.path.join(ROOT, "src", "capture", "probe.py")


def untraced_loop():
    """The untraced peer: the probe's events loop without the tracer, with the
    probe's own context class (taken from its source)."""
    with open(PROBE) as f:
        probe = f.read()
    context = probe[probe.index("class _Context:"):probe.index("\ndef _events(")]
    return "import json, sys, time\n" + context + r"""
root, entry, function, events_file = sys.argv[1:5]
sys.path.insert(0, root)
with open(events_file, encoding="utf-8") as handle:
    events = [json.loads(line) for line in handle.read().split("\n") if line.strip()]
__import__(entry)
handler = getattr(sys.modules[entry], function)
total = failed = 0
for number, event in enumerate(events, 1):
    started = time.perf_counter_ns()
    try:
        handler(event, _Context(number))
    except Exception:
        failed += 1
    total += time.perf_counter_ns() - started
print(json.dumps({"handler_ns": total, "failed": failed, "events": len(events)}))
"""


WORST_CASE = {
    "pyproject.toml": '[tool.lmms]\nentry = "app.handler:handler"\nevents = "events.jsonl"\n',
    "app/__init__.py": "",
    "app/handler.py": '''import json

from app import text


def handler(event, context):
    words = text.tokenize(event["body"])
    counts = text.count(words)
    return json.dumps(text.top(counts, 5))
''',
    "app/text.py": '''import heapq


def tokenize(body):
    words, current = [], []
    for char in body:
        if char.isalnum():
            current.append(char.lower())
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def count(words):
    counts = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return counts


def top(counts, n):
    return heapq.nlargest(n, counts.items(), key=lambda item: item[1])
''',
}


def write_worst_case(directory):
    for name, text in WORST_CASE.items():
        path = os.path.join(directory, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    words = "lazy modules make cold starts fast and every import has a cost".split()
    with open(os.path.join(directory, "events.jsonl"), "w") as f:
        for i in range(200):
            body = " ".join(words[(i + j) % len(words)] for j in range(400))
            f.write(json.dumps({"id": i, "body": body}) + "\n")


def timed(argv, cwd, env=None):
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit("failed (exit %d): %s\n%s" % (result.returncode, " ".join(argv), result.stderr[-2000:]))
    return elapsed, result.stdout


def monitoring_interpreters():
    found = set()
    candidates = glob.glob(os.path.expanduser("~/.pyenv/versions/3.1[2-9]*/bin/python3"))
    candidates += [shutil.which("python3.%d" % minor) for minor in range(12, 20)]
    for candidate in filter(None, candidates):
        probe = subprocess.run([candidate, "-c", "import sys; print(hasattr(sys, 'monitoring'))"],
                               capture_output=True, text=True)
        if probe.stdout.strip() == "True":
            found.add(os.path.realpath(candidate))
    return sorted(found)


def measure(lmms, project, python, rounds, label):
    """Rounds of (traced, untraced), alternating order; returns the medians."""
    traced_wall, untraced_wall, traced_handler, untraced_handler = [], [], [], []
    entry_module, function = "app.handler", "handler"
    events = os.path.join(project, "events.jsonl")
    for number in range(1, rounds + 1):
        order = ("traced", "untraced") if number % 2 else ("untraced", "traced")
        for which in order:
            if which == "traced":
                wall, out = timed([lmms, "usage", "--format", "json", "--python", python], project)
                usage = json.loads(out)
                traced_wall.append(wall)
                traced_handler.append(sum(i["latency_ms"] for i in usage["invocations"]) / 1000)
                tracer = usage["tracer"]
                assert usage["workload"]["ran"] == usage["workload"]["planned"]
            else:
                wall, out = timed([python, "-c", untraced_loop(), project, entry_module, function, events], project)
                untraced_wall.append(wall)
                untraced_handler.append(json.loads(out)["handler_ns"] / 1e9)
        print("%s round %d (%s first): wall traced %.3f s untraced %.3f s | handlers traced %.3f s untraced %.3f s"
              % (label, number, order[0], traced_wall[-1], untraced_wall[-1], traced_handler[-1],
                 untraced_handler[-1]))
    medians = [statistics.median(v) for v in (traced_wall, untraced_wall, traced_handler, untraced_handler)]
    print("%s (%s, %s): median wall %.3f s vs %.3f s, ratio %.2f; handler time %.3f s vs %.3f s, ratio %.2f\n"
          % (label, python, tracer, medians[0], medians[1], medians[0] / medians[1], medians[2], medians[3],
             medians[2] / medians[3]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lmms", default=os.path.join(ROOT, "build", "lmms"))
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    lmms = os.path.abspath(options.lmms)
    with tempfile.TemporaryDirectory(prefix="lmms-usage-bench-") as tmp:
        example = os.path.join(tmp, "example")
        shutil.copytree(EXAMPLE, example, ignore=shutil.ignore_patterns(".lmms", "__pycache__"))
        measure(lmms, example, "/usr/bin/python3", options.rounds, "example")
        worst = os.path.join(tmp, "worst")
        write_worst_case(worst)
        for python in ["/usr/bin/python3"] + monitoring_interpreters():
            measure(lmms, worst, python, options.rounds, "worst case")


if __name__ == "__main__":
    main()

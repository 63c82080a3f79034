#!/usr/bin/python3
"""Throughput of the scanner, against pyflakes and CPython's own parser.

Corpus: every .py under /usr/lib/python3.11 and /usr/lib/python3/dist-packages
(the oracle's), files read once beforehand so the page cache is warm.
  1. lmms single-thread MB/s: `lmms scan --threads 1 --format json --no-references`,
     bytes scanned / the scan's own elapsed time (reported in its JSON summary;
     reading the files is included). Goal: >= 100 MB/s. Every fact is computed;
     references are not kept in memory when they are not printed. The same
     with them kept (`--format json`) is printed too.
  2. Whole-run wall time over the same files, each a fresh process:
     lmms scan, text output (all cores) | python3 -m pyflakes | a Python loop of ast.parse
     (one process, sequential), with the ratios against lmms.
Stdlib only; run with /usr/bin/python3 (pyflakes from Debian's python3-pyflakes).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOTS = ["/usr/lib/python3.11", "/usr/lib/python3/dist-packages"]
AST_LOOP = r"""
import ast, os, sys
for root in sys.argv[1:]:
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = [d for d in subdirectories if d != "__pycache__" and not d.startswith(".")]
        for name in names:
            if name.endswith(".py"):
                try:
                    with open(os.path.join(directory, name), "rb") as handle:
                        ast.parse(handle.read())
                except Exception:
                    pass
"""


def wall(argv, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def summary_of(argv):
    """The JSON summary of a scan whose output may be a gigabyte: read from its tail."""
    with tempfile.TemporaryFile() as out:
        subprocess.run(argv, stdout=out, stderr=subprocess.DEVNULL, check=True)
        out.seek(max(0, out.seek(0, os.SEEK_END) - 4096))
        tail = out.read()
    return json.loads(tail[tail.rindex(b'"summary":') + len(b'"summary":'):].rstrip()[:-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lmms", default="build/lmms")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    lmms = os.path.abspath(options.lmms)
    roots = [root for root in ROOTS if os.path.isdir(root)]
    scan = [lmms, "scan", "--project", "/", "--format", "json", "--no-references"] + roots
    subprocess.run(scan, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the page cache
    rates = []
    kept_rates = []
    for _ in range(options.repeat):
        summary = summary_of(scan + ["--threads", "1"])
        rates.append(summary["bytes"] / summary["elapsed_us"])  # bytes/us = MB/s
        kept = summary_of([arg for arg in scan if arg != "--no-references"] + ["--threads", "1"])
        kept_rates.append(kept["bytes"] / kept["elapsed_us"])
    print("corpus: %s: %d files, %.1f MB, %d lines" % (" ".join(roots), summary["files"], summary["bytes"] / 1e6,
                                                      summary["lines"]))
    rate = statistics.median(rates)
    print("lmms scan, one thread: %.0f MB/s (median of %d; goal >= 100 MB/s: %s)"
          % (rate, options.repeat, "met" if rate >= 100 else "NOT met"))
    print("lmms scan, one thread, references kept in memory: %.0f MB/s" % statistics.median(kept_rates))
    # The whole run as a user runs it: text output (JSON serialization of the
    # corpus's facts is a separate cost and not what pyflakes does either).
    lmms_wall = wall([lmms, "scan", "--project", "/"] + roots, options.repeat)
    pyflakes_wall = wall([sys.executable, "-m", "pyflakes"] + roots, 1)
    ast_wall = wall([sys.executable, "-c", AST_LOOP] + roots, 1)
    print("whole run, wall time: lmms scan (all %d cores) %.2f s" % (os.cpu_count(), lmms_wall))
    print("  python3 -m pyflakes        %.2f s  (%.0fx lmms)" % (pyflakes_wall, pyflakes_wall / lmms_wall))
    print("  ast.parse loop (1 process) %.2f s  (%.0fx lmms)" % (ast_wall, ast_wall / lmms_wall))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""How close `lmms plan`'s predicted cold start is to the cold start measured
once the plan is applied, on the bundled example.

1. Copies examples/lambda_app and runs `lmms profile`, `lmms usage` and
   `lmms plan --format json` on it.
2. Applies the plan to a second copy the way a developer would: each `lazy`
   row's import moves into the functions the plan names, and the entry's
   module-level imports move into the fast path written by `lmms fastpath`
   (the entry then does `from app.fast_path import *`). The edits are this
   example's; the script first checks that the plan asks for exactly them,
   and fails otherwise, so it never measures a plan other than the one made.
3. Checks that both copies answer every event identically.
4. Profiles both copies in alternating rounds; in each round the plan made
   from that round's "before" profile gives the prediction. The peer is the
   measured cold start of the applied copy.
Prints predicted and measured medians and their ratio. Stdlib only.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "lambda_app")

# The rows the plan makes lazy on the example, and where they go.
EXPECTED_LAZY = {
    ("app/config_loader.py", "yaml"): ["reload"],
    ("app/formatting.py", "numpy"): ["percent", "percentile", "round_money", "total"],
    ("app/reports.py", "pandas"): ["daily_report"],
}


def lmms(binary, project, *args):
    result = subprocess.run([binary, *args, "--project", project], capture_output=True, text=True,
                            timeout=900, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        sys.exit("lmms %s failed (%d):\n%s" % (" ".join(args), result.returncode, result.stderr[-2000:]))
    return result.stdout


def edit(path, old, new):
    with open(path) as f:
        text = f.read()
    if old not in text:
        sys.exit("%s: expected text not found: %r" % (path, old))
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def check_plan(plan):
    lazy = {(i["file"], i["module"]): i["functions"] for i in plan["items"] if i["action"] == "lazy"}
    if lazy != EXPECTED_LAZY:
        sys.exit("the plan is not the one this script applies:\n  plan: %s\n  script: %s" % (lazy, EXPECTED_LAZY))
    moved = [i for i in plan["items"] if i["action"] == "fast-path"]
    if any(i["file"] != "app/handler.py" for i in moved):
        sys.exit("fast-path rows outside the entry: %s" % moved)


def apply_plan(project):
    """The edits a developer makes for the plan check_plan accepted."""
    app = os.path.join(project, "app")
    edit(os.path.join(app, "config_loader.py"), "from pathlib import Path\n\nimport yaml\n", "from pathlib import Path\n")
    edit(os.path.join(app, "config_loader.py"), "    global _current\n", "    global _current\n    import yaml\n\n")
    edit(os.path.join(app, "formatting.py"), "import numpy as np\n", "")
    for doc in ['banker\'s rounding)."""\n', 'round the result to cents."""\n', 'e.g. ``"12.5%"``."""\n',
                '(0.0 for an empty sequence)."""\n']:
        edit(os.path.join(app, "formatting.py"), doc, doc + "    import numpy as np\n\n")
    edit(os.path.join(app, "reports.py"), "import pandas as pd\n\n", "")
    edit(os.path.join(app, "reports.py"), 'formatted as money.\n    """\n',
         'formatted as money.\n    """\n    import pandas as pd\n\n')
    edit(os.path.join(app, "handler.py"),
         "import json\nimport re\nfrom datetime import datetime, timezone\nfrom urllib.parse import unquote_plus\n\n"
         "from app import config_loader, formatting, notify, reports, storage, stream\n",
         "from app.fast_path import *  # noqa: F403 (the fast path, LMMS-DEC-04)\n")


def answers(project):
    code = ("import json, sys; sys.path.insert(0, '.'); import app.handler as h; "
            "print(json.dumps([h.handler(json.loads(l), None) for l in open('events.jsonl') if l.strip()], "
            "sort_keys=True))")
    return subprocess.run(["/usr/bin/python3", "-c", code], cwd=project, capture_output=True, text=True,
                          check=True, timeout=300).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lmms", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=10)
    options = parser.parse_args()
    binary = os.path.abspath(options.lmms)
    with tempfile.TemporaryDirectory(prefix="lmms-plan-accuracy-") as tmp:
        before = os.path.join(tmp, "before")
        after = os.path.join(tmp, "after")
        shutil.copytree(EXAMPLE, before, ignore=shutil.ignore_patterns(".lmms", "__pycache__"))
        lmms(binary, before, "profile", "--runs", str(options.runs))
        lmms(binary, before, "usage")
        plan = json.loads(lmms(binary, before, "plan", "--format", "json"))
        check_plan(plan)
        lmms(binary, before, "fastpath")
        shutil.copytree(before, after, ignore=shutil.ignore_patterns(".lmms", "__pycache__"))
        os.remove(os.path.join(before, "app", "fast_path.py"))
        apply_plan(after)
        if answers(before) != answers(after):
            sys.exit("the applied copy answers the events differently")
        predicted, measured, modules_predicted, modules_measured = [], [], [], []
        for round_number in range(options.rounds):
            lmms(binary, before, "profile", "--runs", str(options.runs))
            summary = json.loads(lmms(binary, before, "plan", "--format", "json"))["summary"]
            lmms(binary, after, "profile", "--runs", str(options.runs))
            with open(os.path.join(after, ".lmms", "profile.json")) as f:
                profile = json.load(f)
            predicted.append(summary["predicted_ms"])
            measured.append(profile["cold_start"]["total_us"]["median"] / 1000)
            modules_predicted.append(summary["modules_after"])
            modules_measured.append(profile["cold_start"]["module_count"]["median"])
            print("round %d: before %.1f ms, predicted %.1f ms, measured %.1f ms" % (
                round_number + 1, summary["measured_ms"], predicted[-1], measured[-1]), file=sys.stderr)
        p, m = statistics.median(predicted), statistics.median(measured)
        print("example plan (%d rounds of %d runs): predicted cold start %.1f ms, measured after applying %.1f ms, "
              "ratio %.3f (error %+.1f %%); modules at cold start predicted %.0f, measured %.0f" % (
                  options.rounds, options.runs, p, m, p / m, 100 * (p - m) / m,
                  statistics.median(modules_predicted), statistics.median(modules_measured)))


if __name__ == "__main__":
    main()

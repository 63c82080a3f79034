#!/usr/bin/env python3
"""The probe's two line hooks agree: `lmms usage` on the usage fixtures gives
the same counts with sys.settrace (3.11, or forced with LMMS_TRACER=settrace)
as with sys.monitoring on every 3.12+ interpreter this machine has. Timings
are left out; every count, name, line and error is compared. Interpreters
that are missing are listed as skipped. Stdlib only; run with /usr/bin/python3.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = [
    ("usage_text", ["usage", "--format", "json", "--allow-failures"]),
    ("usage_commands", ["usage", "--commands", "commands.txt", "--format", "json", "--allow-failures"]),
]
REFERENCE = "/usr/bin/python3"


def monitoring_interpreters():
    """Interpreters with sys.monitoring (3.12+): pyenv's, and python3.1x on PATH."""
    found = set()
    home = os.path.expanduser("~")
    candidates = glob.glob(os.path.join(os.environ.get("PYENV_ROOT", home + "/.pyenv"), "versions/*/bin/python3"))
    candidates += [shutil.which("python3.%d" % minor) for minor in range(12, 20)]
    for candidate in filter(None, candidates):
        try:
            result = subprocess.run([candidate, "-c", "import sys; print(hasattr(sys, 'monitoring'))"],
                                    capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if result.stdout.strip() == "True":
            found.add(os.path.realpath(candidate))
    return sorted(found)


def counts(document):
    """Everything in a usage document but its timings and interpreter."""
    usage = json.loads(document)
    return {
        "ran": usage["workload"]["ran"],
        "sites": [(s["file"], s["line"], s["module"], s["names"], s["used"], s["import_time_line"])
                  for s in usage["sites"]],
        "libraries": [(l["name"], l["used"], l["sites"]) for l in usage["libraries"]],
        "kinds": [(k["kind"], k["count"], k["failed"], k["errors"]) for k in usage["kinds"]],
        "invocations": [(i["number"], i["kind"], i["error"]) for i in usage["invocations"]],
    }


def run(lmms, fixture, args, python, tracer):
    env = dict(os.environ)
    env.pop("LMMS_TRACER", None)
    if tracer:
        env["LMMS_TRACER"] = tracer
    with tempfile.TemporaryDirectory(prefix="lmms-tracers-") as tmp:
        project = os.path.join(tmp, "project")
        shutil.copytree(os.path.join(HERE, "cases", fixture, "project"), project)
        result = subprocess.run([lmms] + args + ["--python", python], cwd=project, env=env,
                                capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit("%s with %s failed (exit %d):\n%s" % (fixture, python, result.returncode, result.stderr))
    usage = json.loads(result.stdout)
    return usage["tracer"], counts(result.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lmms", required=True)
    lmms = os.path.abspath(parser.parse_args().lmms)
    others = monitoring_interpreters()
    if not others:
        print("skipped: no interpreter with sys.monitoring (3.12+) on this machine")
    failed = 0
    for fixture, args in FIXTURES:
        tracer, expected = run(lmms, fixture, args, REFERENCE, None)
        print("%s: %s (%s) is the reference" % (fixture, REFERENCE, tracer))
        for python in others:
            for forced in (None, "settrace"):
                used, actual = run(lmms, fixture, args, python, forced)
                same = actual == expected
                failed += not same
                print("  %s %s (%s): %s" % ("ok" if same else "DIFFERENT", python, used,
                                            "same counts" if same else json.dumps(actual, indent=1)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

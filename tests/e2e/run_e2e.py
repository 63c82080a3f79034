#!/usr/bin/env python3
"""End-to-end goldens: run the real lmms binary on small projects.

Each folder under cases/ holds `args.json` (the arguments; or a list of steps, each an
argument list, run in order and each required to exit 0 but the last, whose result is compared,
or {"insert": FILE, "line": N, "text": TEXT} or {"replace": FILE, "old": TEXT, "new": TEXT} to edit a
project file in between, or {"run": SCRIPT} to run the case's SCRIPT with the project's path and the binary in $LMMS), optionally
`project/` (copied to a temporary directory, which becomes the working
directory; or `project_from`, holding the path of another project to copy,
relative to the case), `overlay/` (copied over the project: stored captures, say; or
`overlay_from`, holding the path of another case's overlay, copied first), `remove.txt` (project files to
delete after that), `cwd.txt` (the working directory, relative to the project; default the
project itself) and `env.json`, optionally `check.py` (reads the stdout, prints what is
compared instead: for outputs full of timings or decisions that hang on them; it finds the binary
in $LMMS and can import plan_oracle), `requires.txt` (the Python modules the case needs from
/usr/bin/python3, one per line: the case is skipped, and says so, where one is missing), and
`expected.txt`: the exit code, stdout and stderr, with timings masked. UPDATE_GOLDEN=1 rewrites the
expected files.
Stdlib only; run with /usr/bin/python3.
"""
import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")
PYTHON = "/usr/bin/python3"  # the interpreter the cases' projects and requires.txt are for

# Timings and machine-dependent counts vary; structure, order and attribution must not.
MASKS = [
    (re.compile(r" *-?\d+\.\d+ (ms|MB|s)\b"), r" # \1"),
    (re.compile(r"\d+ in sys\.modules"), "# in sys.modules"),
    (re.compile(r"\b3\.\d+\.\d+\b"), "3.x.y"),
    (re.compile(r"MB in \d+ ms"), "MB in # ms"),
    (re.compile(r'"elapsed_us": \d+'), '"elapsed_us": #'),
]


def mask(text, project):
    text = text.replace(project, "<project>")
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def missing_modules(case):
    """The modules in the case's requires.txt that /usr/bin/python3 cannot find."""
    path = os.path.join(case, "requires.txt")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        names = [line.split("#")[0].strip() for line in f]
    names = [name for name in names if name]
    probe = "import importlib.util, sys\nfor name in sys.argv[1:]:\n" \
            "    if importlib.util.find_spec(name) is None: print(name)\n"
    found = subprocess.run([PYTHON, "-c", probe] + names, capture_output=True, text=True, timeout=60)
    return found.stdout.split()


def run_case(lmms, name):
    case = os.path.join(CASES, name)
    with open(os.path.join(case, "args.json")) as f:
        args = json.load(f)
    env = dict(os.environ)
    # Bytecode caches as a user has them, whatever this shell says; a case sets it in env.json.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env_file = os.path.join(case, "env.json")
    with tempfile.TemporaryDirectory(prefix="lmms-e2e-") as tmp:
        project = os.path.join(tmp, "project")
        source = os.path.join(case, "project")
        shared = os.path.join(case, "project_from")
        if os.path.exists(shared):
            with open(shared) as f:
                source = os.path.normpath(os.path.join(case, f.read().strip()))
        if os.path.isdir(source):
            shutil.copytree(source, project, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            os.mkdir(project)
        overlays = [os.path.join(case, "overlay")]
        overlay_from = os.path.join(case, "overlay_from")
        if os.path.exists(overlay_from):
            with open(overlay_from) as f:
                overlays.insert(0, os.path.normpath(os.path.join(case, f.read().strip())))
        for overlay in overlays:
            if os.path.isdir(overlay):
                shutil.copytree(overlay, project, dirs_exist_ok=True)
        remove = os.path.join(case, "remove.txt")
        if os.path.exists(remove):
            with open(remove) as f:
                for name in f.read().split():
                    os.remove(os.path.join(project, name))
        if os.path.exists(env_file):
            with open(env_file) as f:
                for key, value in json.load(f).items():
                    env[key] = value.replace("{case}", case).replace("{project}", project)
        steps = args if args and not isinstance(args[0], str) else [args]
        args = steps[-1]
        for step in steps[:-1]:
            if isinstance(step, dict) and "run" in step:
                done = subprocess.run([sys.executable, os.path.join(case, step["run"]), project],
                                      capture_output=True, text=True, timeout=60, env=dict(env, LMMS=lmms))
                if done.returncode != 0:
                    return "step %s exited %d\n%s%s" % (step, done.returncode, done.stdout, done.stderr)
                continue
            if isinstance(step, dict):
                path = os.path.join(project, step.get("insert") or step["replace"])
                with open(path) as f:
                    text = f.read()
                if "insert" in step:
                    lines = text.splitlines(keepends=True)
                    lines.insert(step["line"] - 1, step["text"] + "\n")
                    text = "".join(lines)
                elif step["old"] in text:
                    text = text.replace(step["old"], step["new"], 1)
                else:
                    return "step %s: the text to replace is not in %s" % (step, step["replace"])
                with open(path, "w") as f:
                    f.write(text)
                continue
            done = subprocess.run([lmms] + step, cwd=project, env=env, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=300)
            if done.returncode != 0:
                return "step %s exited %d\n%s%s" % (step, done.returncode, done.stdout, done.stderr)
        cwd = project
        cwd_file = os.path.join(case, "cwd.txt")
        if os.path.exists(cwd_file):
            with open(cwd_file) as f:
                cwd = os.path.normpath(os.path.join(project, f.read().strip()))
        result = subprocess.run([lmms] + args, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=300)
        stdout = result.stdout
        check = os.path.join(case, "check.py")
        if os.path.exists(check):
            check_env = dict(env, LMMS=lmms, PYTHONPATH=HERE)
            checked = subprocess.run([sys.executable, check, project], input=stdout, env=check_env,
                                     capture_output=True, text=True, timeout=120)
            stdout = checked.stdout + checked.stderr
        actual = "exit: %d\n--- stdout\n%s--- stderr\n%s" % (
            result.returncode, mask(stdout, project), mask(result.stderr, project))
    return actual


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lmms", required=True)
    parser.add_argument("cases", nargs="*")
    options = parser.parse_args()
    lmms = os.path.abspath(options.lmms)
    names = options.cases or sorted(os.listdir(CASES))
    update = os.environ.get("UPDATE_GOLDEN")
    failed = 0
    skipped = 0
    for name in names:
        missing = missing_modules(os.path.join(CASES, name))
        if missing:
            skipped += 1
            print("skipped %s: %s needs %s (`make deps` installs them)" % (
                name, PYTHON, ", ".join(missing)))
            continue
        actual = run_case(lmms, name)
        expected_path = os.path.join(CASES, name, "expected.txt")
        if update:
            with open(expected_path, "w") as f:
                f.write(actual)
            print("updated", name)
            continue
        expected = open(expected_path).read() if os.path.exists(expected_path) else ""
        if actual == expected:
            print("ok", name)
            continue
        failed += 1
        print("FAILED", name)
        sys.stdout.writelines(difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True), "expected", "actual"))
    passed = len(names) - failed - skipped
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

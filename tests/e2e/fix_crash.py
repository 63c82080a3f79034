#!/usr/bin/env python3
"""`lmms fix` killed at any write step leaves every file whole: old or new, never a mix.

Prepares a project on which `lmms fix` changes five files (three modules whose heavy import
moves into a function, the entry routed through the fast path, and the fast-path file it
creates), profiles it once, and takes the new state from an uninterrupted run on a copy. Then,
for N = 1, 2, ..., runs `lmms fix` on a fresh copy with LMMS_TEST_KILL_AT_WRITE_STEP=N (the
transaction raises SIGKILL on itself after step N: each temporary written, then each rename)
and checks: lmms died of SIGKILL; every project file is byte for byte its old content or its
new content (a created file: absent or new); nothing else is left but the transaction's
`.NAME.tmp-XXXXXX` temporaries; what .lmms/fix/ holds is whole (each before-copy is the old
file, snapshot.json parses). Then `lmms fix` again on that copy must succeed and leave exactly
the new state. It stops at the first N that is not killed, which must end in the new state too.
Stdlib only; run with /usr/bin/python3.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LIBS = os.path.join(HERE, "fix_common", "libs")
TEMPORARY = re.compile(r"^\..+\.tmp-[A-Za-z0-9]{6}$")

MODULE = '''"""Rare path {name}: the heavy library is read in one function."""
import heavylib


def work(n):
    return "{name}:" + heavylib.value(n)
'''

FILES = {
    "pyproject.toml": '[tool.lmms]\nentry = "app.main:handler"\npython = "/usr/bin/python3"\n'
                      'src = ["."]\nevents = "events.jsonl"\nkind-key = "kind"\n',
    "events.jsonl": "".join('{"kind": "%s", "n": %d}\n' % (kind, n) for n, kind in enumerate(
        ["save", "save", "save", "a", "save", "b", "save", "c", "save", "save"])),
    "app/__init__.py": "",
    "app/a.py": MODULE.format(name="a"),
    "app/b.py": MODULE.format(name="b"),
    "app/c.py": MODULE.format(name="c"),
    "app/main.py": '''"""The entry: most events are saved, a few take a rare path."""
import lightlib

from app import a, b, c


def handler(event, context):
    kind = event["kind"]
    if kind in ("a", "b", "c"):
        return {kind: {"a": a, "b": b, "c": c}[kind].work(event["n"])}
    return {"saved": lightlib.value(event["n"])}
''',
}


def lmms(binary, project, args, kill_at=None):
    env = dict(os.environ, PYTHONPATH=LIBS)
    env.pop("LMMS_TEST_KILL_AT_WRITE_STEP", None)
    if kill_at is not None:
        env["LMMS_TEST_KILL_AT_WRITE_STEP"] = str(kill_at)
    return subprocess.run([binary] + args, cwd=project, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=300)


def tree(project):
    """Every file but .lmms/ and bytecode, by relative path."""
    files = {}
    for folder, dirs, names in os.walk(project):
        dirs[:] = [d for d in dirs if d not in (".lmms", "__pycache__")]
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, project)] = f.read()
    return files


def prepare(root):
    project = os.path.join(root, "base")
    for path, text in FILES.items():
        os.makedirs(os.path.dirname(os.path.join(project, path)), exist_ok=True)
        with open(os.path.join(project, path), "w") as f:
            f.write(text)
    for args in (["profile", "--runs", "3"], ["usage"]):
        done = lmms(OPTIONS.lmms, project, args)
        if done.returncode != 0:
            sys.exit("setup: lmms %s exited %d\n%s%s" % (" ".join(args), done.returncode, done.stdout,
                                                        done.stderr))
    return project


def copy(base, root, name):
    target = os.path.join(root, name)
    shutil.copytree(base, target)
    return target


def whole_snapshot(project, old):
    """What .lmms/fix/ holds after a kill: absent or whole, never a torn file."""
    problems = []
    folder = os.path.join(project, ".lmms", "fix")
    manifest = os.path.join(folder, "snapshot.json")
    if os.path.exists(manifest):
        try:
            with open(manifest) as f:
                json.load(f)
        except ValueError as error:
            problems.append("snapshot.json does not parse: %s" % error)
    before = os.path.join(folder, "before")
    for path, data in (tree(before).items() if os.path.isdir(before) else []):
        if TEMPORARY.match(os.path.basename(path)):
            continue
        if old.get(path) != data:
            problems.append(".lmms/fix/before/%s is not the old %s" % (path, path))
    return problems


def check_killed(project, old, new):
    problems = []
    now = tree(project)
    for path in sorted(set(old) | set(new) | set(now)):
        if TEMPORARY.match(os.path.basename(path)) and path not in old and path not in new:
            continue  # a temporary the kill left behind
        state = now.get(path)
        if state != old.get(path) and state != new.get(path):
            problems.append("%s is neither its old nor its new content%s" % (
                path, " (missing)" if state is None else ""))
    return problems + whole_snapshot(project, old)


def main():
    root = tempfile.mkdtemp(prefix="lmms-fix-crash-")
    problems = []
    try:
        base = prepare(root)
        old = tree(base)
        reference = copy(base, root, "reference")
        done = lmms(OPTIONS.lmms, reference, ["fix"])
        if done.returncode != 0:
            sys.exit("uninterrupted lmms fix exited %d\n%s%s" % (done.returncode, done.stdout, done.stderr))
        new = tree(reference)
        changed = sorted(path for path in new if old.get(path) != new[path])
        print("lmms fix changes %d files: %s" % (len(changed), ", ".join(changed)))
        if len(changed) < 3:
            problems.append("the project must make lmms fix change at least 3 files")
        step = 0
        while True:
            step += 1
            if step > 100:
                problems.append("still killed after 100 steps: the hook does not stop")
                break
            project = copy(base, root, "kill-%d" % step)
            done = lmms(OPTIONS.lmms, project, ["fix"], kill_at=step)
            if done.returncode != -signal.SIGKILL:
                if done.returncode != 0 or tree(project) != new:
                    problems.append("step %d: not killed, exit %d, new state: %s\n%s" % (
                        step, done.returncode, tree(project) == new, done.stderr))
                print("step %d: not killed: the transaction has %d steps" % (step, step - 1))
                break
            found = ["step %d: %s" % (step, p) for p in check_killed(project, old, new)]
            renamed = sorted(p for p in changed if tree(project).get(p) == new[p])
            rerun = lmms(OPTIONS.lmms, project, ["fix"])
            after = {p: d for p, d in tree(project).items() if not TEMPORARY.match(os.path.basename(p))}
            if rerun.returncode != 0 or after != new:
                differ = sorted(p for p in set(after) | set(new) if after.get(p) != new.get(p))
                found.append("step %d: the rerun exited %d; files not in their new state: %s\n%s%s" % (
                    step, rerun.returncode, ", ".join(differ) or "none", rerun.stdout, rerun.stderr))
            problems += found
            print("step %d: killed; %d of %d files new; rerun %s" % (
                step, len(renamed), len(changed), "ok" if not found else "FAILED"))
        if step - 1 < 2 * len(changed):
            problems.append("only %d steps for %d files: each needs a temporary and a rename" % (
                step - 1, len(changed)))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    for problem in problems:
        print("FAILED", problem)
    print("ok" if not problems else "%d problems" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lmms", required=True)
    OPTIONS = parser.parse_args()
    OPTIONS.lmms = os.path.abspath(OPTIONS.lmms)
    sys.exit(main())

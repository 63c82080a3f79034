#!/usr/bin/env python3
"""A stop signal ends LMMS as shells expect and takes its Python children with it.

Starts `lmms profile` (and `lmms usage --commands`) on a project whose Python
hangs after starting a grandchild, waits until both exist, sends SIGINT, SIGTERM
or SIGHUP to lmms alone (its children sit in their own process group, so the
signal reaches them only through lmms), and checks: lmms exits 128 + the signal,
no process of the child's group is left, and the project is as it was (no
.lmms/). Stdlib only; run with /usr/bin/python3.
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# The entry records its pid, starts a grandchild in its group, and never returns.
HANGING = """\
import os, signal, subprocess, sys, time
if os.environ.get("HANG_IGNORES_SIGNALS"):
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_IGN)
subprocess.Popen(["sleep", "1000"])
with open(os.environ["HANG_PID_FILE"] + ".tmp", "w") as f:
    f.write(str(os.getpid()))
os.rename(os.environ["HANG_PID_FILE"] + ".tmp", os.environ["HANG_PID_FILE"])
while True:
    time.sleep(1)
"""


def group_members(pgid):
    members = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the command name: state, ppid, pgrp; zombies are already gone.
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(name))
    return members


def make_project(root):
    project = os.path.join(root, "project")
    os.makedirs(project)
    with open(os.path.join(project, "hang.py"), "w") as f:
        f.write(HANGING)
    with open(os.path.join(project, "commands.txt"), "w") as f:
        f.write("hang.py\n")
    return project


def snapshot(project):
    return sorted(os.path.relpath(os.path.join(d, n), project)
                  for d, dirs, files in os.walk(project) for n in dirs + files
                  if "__pycache__" not in d and n != "__pycache__" and n != "hang.pid")


def run_case(lmms, name, args, stop, ignores, root):
    project = make_project(os.path.join(root, name))
    before = snapshot(project)
    pid_file = os.path.join(project, "hang.pid")
    env = dict(os.environ, HANG_PID_FILE=pid_file)
    if ignores:
        env["HANG_IGNORES_SIGNALS"] = "1"
    process = subprocess.Popen([lmms] + args + ["--python", "/usr/bin/python3"], cwd=project, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    problems = []
    for _ in range(200):
        if os.path.exists(pid_file) or process.poll() is not None:
            break
        time.sleep(0.05)
    if not os.path.exists(pid_file):
        process.kill()
        out, err = process.communicate()
        return ["the hanging entry never started: exit %s\n%s%s" % (process.returncode, out, err)]
    child = int(open(pid_file).read())
    group = os.getpgid(child)
    time.sleep(0.2)  # let the grandchild start
    if len(group_members(group)) < 2:
        problems.append("the child's group %d has no grandchild: %s" % (group, group_members(group)))
    process.send_signal(stop)
    try:
        out, err = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        problems.append("lmms did not stop within 20 s of the signal")
    expected = 128 + stop
    if process.returncode != expected:
        problems.append("exit code %s, expected %d\n%s%s" % (process.returncode, expected, out, err))
    left = group_members(group)
    if left:
        problems.append("processes of the child's group %d were left: %s" % (group, left))
        for pid in left:
            os.kill(pid, signal.SIGKILL)
    after = snapshot(project)
    if after != before:
        problems.append("the project changed: %s -> %s" % (before, after))
    return problems


CASES = [
    ("profile_sigint", ["profile", "--entry", "hang"], signal.SIGINT, False),
    ("profile_sigterm", ["profile", "--entry", "hang"], signal.SIGTERM, False),
    ("profile_sighup", ["profile", "--entry", "hang"], signal.SIGHUP, False),
    ("profile_ignoring_sigint", ["profile", "--entry", "hang"], signal.SIGINT, True),
    ("usage_sigint", ["usage", "--commands", "commands.txt"], signal.SIGINT, False),
    ("usage_sigterm_ignoring", ["usage", "--commands", "commands.txt"], signal.SIGTERM, True),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lmms", required=True)
    options = parser.parse_args()
    lmms = os.path.abspath(options.lmms)
    failed = 0
    root = tempfile.mkdtemp(prefix="lmms-signals-")
    try:
        for name, args, stop, ignores in CASES:
            problems = run_case(lmms, name, args, stop, ignores, root)
            print(("FAILED " if problems else "ok ") + name)
            for problem in problems:
                print("  " + problem.replace("\n", "\n  "))
            failed += bool(problems)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("%d passed, %d failed" % (len(CASES) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

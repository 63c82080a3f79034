"""The shared check of the fix_* cases: the compared step is `lmms fix --diff` (read on stdin).

Then, on the same project: run the workload (every event of events.jsonl through the entry
handler, in a fresh interpreter), apply `lmms fix` with the same flags, check what it wrote
(only the files the diff named, their before-versions in .lmms/fix/before/, encoding, BOM and
line endings as they were, every file still compiles), run the workload again and compare the
outputs invocation by invocation, then run `lmms fix` a second time: it must change
nothing. Prints each fact, so the golden holds them all. Stdlib only.
"""
import difflib
import io
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
CASE = os.path.dirname(os.path.abspath(__file__))  # the case's folder: check.py links here
LIBS = os.path.join(HERE, "libs")
PYTHON = "/usr/bin/python3"

# One interpreter calls the handler once per event, as a cold start followed by warm calls.
WORKLOAD = r"""
import contextlib, io, json, sys
from app.main import handler
results = []
with open("events.jsonl") as f:
    events = [json.loads(line) for line in f if line.strip()]
for event in events:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            value = handler(event, None)
        results.append({"returned": repr(value), "stdout": out.getvalue()})
    except Exception as error:
        results.append({"raised": "%s: %s" % (type(error).__name__, error), "stdout": out.getvalue()})
for result in results:
    print(json.dumps(result, sort_keys=True))
"""


def project_files(project):
    files = {}
    for folder, dirs, names in os.walk(project):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", ".lmms")]
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, project).replace(os.sep, "/")] = f.read()
    return files


def workload(project):
    env = dict(os.environ, PYTHONPATH=project + os.pathsep + LIBS)
    done = subprocess.run([PYTHON, "-c", WORKLOAD], cwd=project, env=env, capture_output=True,
                          text=True, timeout=60)
    return "exit %d\n%s%s" % (done.returncode, done.stdout, done.stderr)


def lmms(project, args):
    env = dict(os.environ, PYTHONPATH=LIBS)
    done = subprocess.run([os.environ["LMMS"]] + args, cwd=project, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


def fix_flags():
    with open(os.path.join(CASE, "args.json")) as f:
        return [flag for flag in json.load(f)[-1] if flag != "--diff"]


def traits(data):
    """What the fixer must keep of a file's bytes."""
    endings = sorted({m.group() for m in re.finditer(rb"\r\n|\r(?!\n)|(?<!\r)\n", data)})
    cookie = re.search(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", data[:200], re.M)
    encoding = cookie.group(1).decode() if cookie else "utf-8"
    try:
        data.decode(encoding)
        decodes = True
    except (UnicodeDecodeError, LookupError):
        decodes = False
    return "BOM %s, line endings %s, %s, decodes as %s: %s" % (
        "yes" if data.startswith(b"\xef\xbb\xbf") else "no", [e.decode("ascii") for e in endings],
        "tabs" if re.search(rb"^\t", data, re.M) else "no tab indentation", encoding, decodes)


def compiles(data, path):
    try:
        compile(data, path, "exec")
        return "compiles"
    except SyntaxError as error:
        return "SyntaxError: %s (line %s)" % (error.msg, error.lineno)


def plan_rows(project):
    """The plan's decisions the fix starts from, without the timings."""
    code, text = lmms(project, ["plan", "--format", "json", "--allow-failures"])
    if code != 0:
        print("plan: exit %d" % code)
        return
    for item in json.loads(text[text.index("{"):])["items"]:
        at_import = item["import_time_line"]
        print("plan: %s:%d %s [%s] %s, %s, used %d/%d%s" % (
            item["file"], item["line"], item["statement"], ", ".join(item["names"]), item["action"],
            item["tier"], item["used"], item["invocations"],
            ", used at import time, line %d" % at_import if at_import else ""))


def main():
    project = sys.argv[1]
    flags = fix_flags()
    plan_rows(project)
    print("== lmms %s --diff" % " ".join(flags))
    sys.stdout.write(sys.stdin.read())
    before_files = project_files(project)
    before_outputs = workload(project)
    code, text = lmms(project, flags)
    print("== lmms %s: exit %d" % (" ".join(flags), code))
    sys.stdout.write(text)
    after_files = project_files(project)
    changed = sorted(p for p in after_files if before_files.get(p) != after_files[p])
    print("files changed:", changed)
    print("files removed:", sorted(set(before_files) - set(after_files)))
    for path in changed:
        old = before_files.get(path)
        kept = os.path.join(project, ".lmms", "fix", "before", path)
        if old is not None:
            with open(kept, "rb") as f:
                print("  %s: before-version kept in .lmms/fix/before/: %s" % (path, f.read() == old))
            print("  %s before: %s" % (path, traits(old)))
        print("  %s after:  %s" % (path, traits(after_files[path])))
        if path.endswith(".py") and "lazy" not in flags:
            print("  %s after: %s" % (path, compiles(after_files[path], path)))
    if "lazy" in flags:
        print("workload after: not run (`lazy import` needs Python >= 3.15)")
    else:
        after_outputs = workload(project)
        if after_outputs == before_outputs:
            print("workload outputs before and after: identical, %d invocations" %
                  before_outputs.count('"stdout"'))
            sys.stdout.write(before_outputs)
        else:
            print("workload outputs differ:")
            sys.stdout.writelines(difflib.unified_diff(
                before_outputs.splitlines(True), after_outputs.splitlines(True), "before", "after"))
    code, text = lmms(project, flags)
    print("== second run, lmms %s: exit %d" % (" ".join(flags), code))
    sys.stdout.write(text)
    print("second run left every file as the first left it:", project_files(project) == after_files)


if __name__ == "__main__":
    # The fast-path file carries the profile's date; the golden must not.
    real_stdout, sys.stdout = sys.stdout, io.StringIO()
    try:
        main()
    finally:
        text, sys.stdout = sys.stdout.getvalue(), real_stdout
        sys.stdout.write(re.sub(r"\b\d{4}-\d{2}-\d{2}\b", "YYYY-MM-DD", text))

"""The generated tests/test_fast_path.py runs under plain `python3 -m unittest`
and `python3 -m pytest` and passes on a light fast path (the 250 ms of the
package __init__ are not charged to it); edited to a tiny budget and import
limit, or with a fast path that sleeps 300 ms, it fails with LESS-04's messages."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PYTHON = "/usr/bin/python3"
project = sys.argv[1]
sys.stdout.write(sys.stdin.read())


def run(args, cwd):
    # Plugins from other python3-pytest-* packages of the machine would change pytest's summary.
    env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    result = subprocess.run([PYTHON] + args, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=120)
    return result.returncode, result.stdout + result.stderr


def unittest_summary(output):
    ran = re.search(r"^Ran (\d+) tests?", output, flags=re.M).group(0)
    return "%s, %s" % (ran, output.strip().splitlines()[-1])


# What importing the fast path adds to sys.modules, in a fresh interpreter of this machine: which
# modules are already there depends on the interpreter's start-up (.pth files of whatever packages
# are installed), so the message's list is compared with this, not with a stored list.
ADDED = """
import sys
import app
before = set(sys.modules)
import app.fast_path
print(" ".join(sorted(set(sys.modules) - before)))
"""


def modules_added(cwd):
    code, output = run(["-c", ADDED], cwd)
    return output.split() if code == 0 else None


def modules_line(match, cwd):
    listed = [name for name in match.group(2).split(", ") if name != "..."]
    added = modules_added(cwd)
    ok = added is not None and int(match.group(1)) == len(added) and listed == added[:10]
    return "Modules it loads (#): what importing app.fast_path adds here: %s" % ok


def failure_messages(output, cwd):
    """The AssertionError messages, each up to the blank line after it."""
    messages = re.findall(r"^AssertionError: (.*?)\n\n", output, flags=re.M | re.S)
    messages = [re.sub(r"Modules it loads \((\d+)\): (.*)", lambda m: modules_line(m, cwd), message)
                for message in messages]
    return ["    " + message.replace("\n", "\n    ") for message in messages]


def edit(path, pattern, replacement):
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(re.sub(pattern, replacement, text, flags=re.M))


code, output = run(["-m", "unittest"], project)
print("python3 -m unittest: exit %d, %s" % (code, unittest_summary(output)))
code, output = run(["-m", "unittest", "discover", "-s", "tests"], project)
print("python3 -m unittest discover -s tests: exit %d, %s" % (code, unittest_summary(output)))
code, output = run(["-m", "pytest", "-q", "-p", "no:cacheprovider"], project)
print("python3 -m pytest: exit %d, %s" % (code, re.sub(r" in [\d.]+s", " in #s",
                                                        output.strip().splitlines()[-1])))

with tempfile.TemporaryDirectory() as tmp:
    copy = os.path.join(tmp, "project")
    shutil.copytree(project, copy)
    test_file = os.path.join(copy, "tests", "test_fast_path.py")
    edit(test_file, r"^BUDGET_MS = 200\b", "BUDGET_MS = 0.001")
    edit(test_file, r"^IMPORT_LIMIT = 20\b", "IMPORT_LIMIT = 2")
    code, output = run(["-m", "unittest"], copy)
    print("BUDGET_MS = 0.001, IMPORT_LIMIT = 2: exit %d, %s" % (code, unittest_summary(output)))
    print("\n".join(failure_messages(output, copy)))

    edit(test_file, r"^BUDGET_MS = 0.001", "BUDGET_MS = 200")
    edit(test_file, r"^IMPORT_LIMIT = 2\b", "IMPORT_LIMIT = 20")
    with open(os.path.join(copy, "app", "fast_path.py"), "w") as f:
        f.write('import time\n\ntime.sleep(0.3)  # a slow import\n\n__all__ = ["time"]\n')
    code, output = run(["-m", "unittest"], copy)
    print("a fast path that takes 300 ms, BUDGET_MS = 200: exit %d, %s" % (code, unittest_summary(output)))
    print("\n".join(failure_messages(output, copy)))
    code, output = run(["-m", "pytest", "-q", "-p", "no:cacheprovider"], copy)
    print("the same under python3 -m pytest: exit %d, %s" % (
        code, re.sub(r" in [\d.]+s", " in #s", output.strip().splitlines()[-1])))

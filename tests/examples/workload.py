"""What tests/examples/check_examples.py and bench/examples_cut.py share: an example's
[tool.lmms] configuration and one run of its workload, in a fresh interpreter per
command (commands) or one interpreter calling the handler once per event (events).
Stdlib only; run with /usr/bin/python3."""
import json
import os
import shlex
import subprocess
import tomllib

PYTHON = "/usr/bin/python3"
EXAMPLES = ("cli_registry", "web_package", "plugin_lib")
# The Debian packages (Makefile EXAMPLE_DEPS) each example needs, by module name.
REQUIRES = {
    "cli_registry": ("sqlalchemy", "pydantic", "matplotlib", "pandas", "yaml"),
    "web_package": ("pydantic", "jinja2", "yaml"),
    "plugin_lib": ("openpyxl", "requests", "pandas", "numpy"),
}

# Calls the handler once per event, each invocation's result, exception and output as a JSON line.
EVENTS_RUNNER = r"""
import contextlib, importlib, io, json, sys
entry, events = sys.argv[1], sys.argv[2]
module, _, function = entry.partition(":")
handler = getattr(importlib.import_module(module), function)

class Context:
    function_name = "example"
    memory_limit_in_mb = 512
    def __init__(self, number):
        self.aws_request_id = f"local-{number:05d}"
    def get_remaining_time_in_millis(self):
        return 30_000

with open(events, encoding="utf-8") as f:
    lines = [line for line in f if line.strip()]
for number, line in enumerate(lines, 1):
    out, err = io.StringIO(), io.StringIO()
    result = error = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result = json.dumps(handler(json.loads(line), Context(number)), sort_keys=True)
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
    print(json.dumps({"event": number, "result": result, "error": error,
                      "stdout": out.getvalue(), "stderr": err.getvalue()}, sort_keys=True))
"""


def missing_modules(name):
    """The modules example ``name`` needs that /usr/bin/python3 cannot find."""
    probe = ("import importlib.util, sys\n"
             "print(' '.join(n for n in sys.argv[1:] if importlib.util.find_spec(n) is None))")
    found = subprocess.run([PYTHON, "-c", probe, *REQUIRES[name]], capture_output=True, text=True, timeout=60)
    return found.stdout.split()


def config(tree):
    with open(os.path.join(tree, "pyproject.toml"), "rb") as f:
        return tomllib.load(f)["tool"]["lmms"]


def environment(tree):
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    roots = [os.path.join(tree, root) for root in config(tree).get("src", ["."])]
    env["PYTHONPATH"] = os.pathsep.join(roots)
    env["COLUMNS"] = "100"
    env.pop("MPLBACKEND", None)
    return env


def command_lines(tree):
    """(line number, argv after the interpreter) of each command in the commands file."""
    path = os.path.join(tree, config(tree)["commands"])
    commands = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            words = shlex.split(line, comments=True)
            if words and words[0] in ("python3", "python"):
                words = words[1:]
            if words:
                commands.append((number, words))
    return commands


def run(tree, timeout=300):
    """[(label, stdout, stderr, exit code)] of every invocation, the tree's path masked."""
    cfg = config(tree)
    env = environment(tree)

    def masked(text):
        return text.replace(os.path.realpath(tree), "<tree>").replace(tree, "<tree>")

    if "commands" in cfg:
        results = []
        for number, words in command_lines(tree):
            done = subprocess.run([PYTHON] + words, cwd=tree, env=env, capture_output=True,
                                  text=True, timeout=timeout)
            label = f"{cfg['commands']}:{number} {shlex.join(words)}"
            results.append((label, masked(done.stdout), masked(done.stderr), done.returncode))
        return results
    done = subprocess.run([PYTHON, "-c", EVENTS_RUNNER, cfg["entry"], cfg["events"]], cwd=tree,
                          env=env, capture_output=True, text=True, timeout=timeout)
    results = [("import and run", "", masked(done.stderr), done.returncode)]
    for line in done.stdout.splitlines():
        record = json.loads(line)
        label = f"{cfg['events']}:{record['event']}"
        body = f"result {record['result']}\nerror {record['error']}\n{record['stdout']}"
        results.append((label, masked(body), masked(record["stderr"]), 0))
    return results

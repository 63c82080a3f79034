#!/usr/bin/python3
"""The attribute chains the scanner records, against CPython's ast.

For every .py file under the roots that ast parses: each Name load followed
by `.attr` loads (`a.b.c` -> "a.b.c"; a store target keeps the attributes it
loads, an augmented one all of them) must be what lmms records on the
reference of `a`, and lmms must record nothing else, except getattr(a,
"literal"), which it records as one more attribute. Matched by (path, line,
text). Exit 0 when they agree. Stdlib only; run with /usr/bin/python3.
"""
import argparse
import ast
import collections
import os
import subprocess
import sys

DEFAULT_ROOTS = ["/usr/lib/python3.11", "/usr/lib/python3/dist-packages"]


def python_files(roots):
    files = []
    for root in roots:
        for directory, subdirectories, names in os.walk(root):
            subdirectories[:] = sorted(d for d in subdirectories if d != "__pycache__" and not d.startswith("."))
            files.extend(os.path.join(directory, name) for name in sorted(names) if name.endswith(".py"))
    return files


def expected_chains(path, tree):
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    chains = collections.Counter()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)):
            continue
        parts, outer = [], node
        while isinstance(parents.get(outer), ast.Attribute) and parents[outer].value is outer:
            outer = parents[outer]
            parts.append(outer.attr)
        parent = parents.get(outer)
        if parts and not isinstance(outer.ctx, ast.Load) and not (
                isinstance(parent, ast.AugAssign) and parent.target is outer):
            parts.pop()
        call = parents.get(outer)
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "getattr"
                and len(call.args) >= 2 and call.args[0] is outer and isinstance(call.args[1], ast.Constant)
                and isinstance(call.args[1].value, str) and call.args[1].value.isidentifier()):
            parts.append(call.args[1].value)  # lmms reads the literal as one more attribute
        if parts:
            chains[(path, node.lineno, node.id + "." + ".".join(parts))] += 1
    return chains


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--driver", required=True)
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("roots", nargs="*", default=DEFAULT_ROOTS)
    options = parser.parse_args()
    want, parsed = collections.Counter(), []
    for path in python_files([root for root in options.roots if os.path.isdir(root)]):
        try:
            with open(path, "rb") as handle:
                tree = ast.parse(handle.read(), path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        parsed.append(path)
        want += expected_chains(path, tree)
    got = collections.Counter()
    for start in range(0, len(parsed), 2000):
        run = subprocess.run([os.path.abspath(options.driver)] + parsed[start:start + 2000], capture_output=True,
                             text=True, errors="replace", timeout=1800)
        for line in run.stdout.splitlines():
            path, number, text, _ = line.split("\t")
            got[(path, int(number), text)] += 1
    missing, extra = want - got, got - want
    for key in sorted(missing)[:options.show]:
        print("MISSING %s:%d %s" % key)
    for key in sorted(extra)[:options.show]:
        print("EXTRA %s:%d %s" % key)
    print("%d files, %d chains, %d missing, %d extra" % (len(parsed), sum(want.values()), sum(missing.values()),
                                                        sum(extra.values())))
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""The scanner's oracle: exact agreement with CPython's ast and symtable.

For every .py file under the given roots (default: /usr/lib/python3.11 and
/usr/lib/python3/dist-packages) that CPython's ast parses, compares
  - every import statement: position (line, col, end line, end col), module,
    level, and names with their aliases, against ast.Import / ast.ImportFrom;
  - every function scope (def, lambda, comprehension): its locally bound names
    (symtable Symbol.is_local) and its referenced names (is_referenced),
    matched by (name, line);
with `lmms scan --format json --no-references`. Files ast cannot parse are
skipped and listed with the reason. Exit 0 when there is no mismatch.
Stdlib only; run with /usr/bin/python3 (its symtable is the reference).
"""
import argparse
import ast
import collections
import json
import multiprocessing
import os
import subprocess
import symtable
import sys
import tokenize

DEFAULT_ROOTS = ["/usr/lib/python3.11", "/usr/lib/python3/dist-packages"]


def python_files(roots):
    """The files lmms scan walks: .py, skipping __pycache__ and hidden folders."""
    files = []
    for root in roots:
        for directory, subdirectories, names in os.walk(root):
            subdirectories[:] = sorted(d for d in subdirectories
                                       if d != "__pycache__" and d != "node_modules" and not d.startswith("."))
            files.extend(os.path.join(directory, name) for name in sorted(names) if name.endswith(".py"))
    return files


def function_tables(table):
    if table.get_type() == "function":
        yield table
    for child in table.get_children():
        yield from function_tables(child)


def expected_facts(path):
    """(imports, scopes) as CPython sees them, or a skip reason."""
    try:
        with tokenize.open(path) as handle:
            source = handle.read()
        tree = ast.parse(source, path)
        table = symtable.symtable(source, path, "exec")
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError, MemoryError) as error:
        return None, "%s: %s" % (type(error).__name__, str(error).splitlines()[0] if str(error) else "")
    imports = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports.append((node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, "import", "", 0,
                            tuple((a.name, a.asname) for a in node.names)))
        elif isinstance(node, ast.ImportFrom):
            imports.append((node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, "from",
                            node.module or "", node.level, tuple((a.name, a.asname) for a in node.names)))
    scopes = collections.defaultdict(list)
    for function in function_tables(table):
        symbols = function.get_symbols()
        bound = tuple(sorted(s.get_name() for s in symbols if s.is_local()))
        referenced = tuple(sorted(s.get_name() for s in symbols if s.is_referenced()))
        scopes[(function.get_name(), function.get_lineno())].append((bound, referenced))
    return (sorted(imports), {key: sorted(value) for key, value in scopes.items()}), None


def actual_facts(record):
    imports = sorted((i["line"], i["col"], i["end_line"], i["end_col"], i["kind"], i["module"], i["level"],
                      tuple((n["name"], n["asname"]) for n in i["names"])) for i in record["imports"])
    scopes = collections.defaultdict(list)
    for scope in record["scopes"]:
        if scope["kind"] in ("function", "lambda", "comprehension"):
            scopes[(scope["name"], scope["line"])].append((tuple(scope["bound"]), tuple(scope["referenced"])))
    return imports, {key: sorted(value) for key, value in scopes.items()}


def describe(path, expected, actual):
    """Mismatch lines for one file, empty when it agrees."""
    lines = []
    (want_imports, want_scopes), (got_imports, got_scopes) = expected, actual
    if want_imports != got_imports:
        missing = [i for i in want_imports if i not in got_imports]
        extra = [i for i in got_imports if i not in want_imports]
        lines.append("%s: imports differ: missing %s extra %s" % (path, missing[:3], extra[:3]))
    for key in sorted(set(want_scopes) | set(got_scopes), key=str):
        want, got = want_scopes.get(key), got_scopes.get(key)
        if want == got:
            continue
        if want is None or got is None:
            lines.append("%s: scope %s:%d only in %s" % (path, key[0], key[1], "lmms" if want is None else "symtable"))
            continue
        for (want_bound, want_ref), (got_bound, got_ref) in zip(want, got):
            for label, w, g in (("bound", want_bound, got_bound), ("referenced", want_ref, got_ref)):
                if w != g:
                    lines.append("%s: scope %s:%d %s: missing %s extra %s" % (
                        path, key[0], key[1], label, sorted(set(w) - set(g)), sorted(set(g) - set(w))))
        if len(want) != len(got):
            lines.append("%s: scope %s:%d appears %d times, lmms has %d" % (path, key[0], key[1], len(want), len(got)))
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lmms", required=True)
    parser.add_argument("--show", type=int, default=40, help="mismatch lines to print (default 40)")
    parser.add_argument("roots", nargs="*", default=DEFAULT_ROOTS)
    options = parser.parse_args()
    roots = [root for root in options.roots if os.path.isdir(root)]
    files = python_files(roots)
    scan = subprocess.run([os.path.abspath(options.lmms), "scan", "--format", "json", "--no-references",
                           "--project", "/"] + roots, capture_output=True, timeout=1800, stdin=subprocess.DEVNULL)
    if scan.returncode != 0:
        sys.exit("lmms scan failed (exit %d): %s" % (scan.returncode, scan.stderr.decode(errors="replace")[-2000:]))
    records = {"/" + record["path"]: record for record in json.loads(scan.stdout)["files"]}
    with multiprocessing.Pool() as pool:
        expectations = pool.map(expected_facts, files, chunksize=16)
    skipped, mismatches, compared = [], [], 0
    for path, (expected, reason) in zip(files, expectations):
        if reason is not None:
            skipped.append((path, reason))
            continue
        record = records.get(path)
        if record is None:
            mismatches.append("%s: not scanned by lmms" % path)
            continue
        compared += 1
        mismatches.extend(describe(path, expected, actual_facts(record)))
    for path, reason in skipped:
        print("skipped %s: %s" % (path, reason))
    for line in mismatches[:options.show]:
        print("MISMATCH " + line)
    bad_files = len({line.split(":", 1)[0] for line in mismatches})
    print("%d files compared, %d skipped (ast cannot parse them), %d mismatches in %d files"
          % (compared, len(skipped), len(mismatches), bad_files))
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

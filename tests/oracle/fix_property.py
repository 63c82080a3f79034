#!/usr/bin/python3
"""The fix engine's property test over the oracle's corpus.

lmms_fix_driver applies `lmms fix`'s function style to every module-level
import of every .py file under the given roots (default: the oracle's,
/usr/lib/python3.11 and /usr/lib/python3/dist-packages), as if the plan made
all of them lazy. For every file where an import moved, checks that
  (a) CPython's compile() accepts the result, in the file's own encoding;
  (b) symtable: each function that received imports now binds (is_local and
      is_imported) exactly the moved names it, its lambdas, comprehensions
      and classes read as globals before; no scope lost a binding or gained
      another; every scope references the same names as before; no scope
      still reads a moved name as a global the module no longer binds (names
      kept under `if TYPE_CHECKING:` stay bound);
  (c) every other statement is unchanged: the module's ast without the moved
      imports (and the `if TYPE_CHECKING:` blocks that took them) equals the
      original's without them, function bodies compared with the inserted
      imports removed, which must stand first after the docstring and import
      only names of a moved statement; every line removed is a moved
      statement's or blank, every line added holds an import;
  (d) a second run of the driver on the results moves nothing and leaves the
      bytes identical.
Files the oracle skips (ast or symtable cannot read them) are skipped too.
Prints counts (files, files changed, imports moved, refusals by reason) and
every failure; exit 1 on any failure.

--sample N checks a deterministic N-file sample (every k-th file of the
sorted list), which is what CI runs; without it, the whole corpus.
Stdlib only; run with /usr/bin/python3, the Python the oracle uses.
"""
import argparse
import ast
import collections
import json
import multiprocessing
import os
import re
import subprocess
import symtable
import sys
import tempfile
import tokenize

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from oracle import DEFAULT_ROOTS, python_files  # noqa: E402  the same corpus, walked the same way

NESTED_SCOPE_NAMES = {"lambda", "listcomp", "setcomp", "dictcomp", "genexpr"}
TYPE_CHECKING_LINES = {"from typing import TYPE_CHECKING", "if TYPE_CHECKING:", "if typing.TYPE_CHECKING:"}


def read_source(path):
    with tokenize.open(path) as handle:
        return handle.read()


def oracle_skips(path):
    """The oracle's reason for skipping `path`, or None when it compares it."""
    try:
        source = read_source(path)
        ast.parse(source, path)
        symtable.symtable(source, path, "exec")
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, RecursionError, MemoryError) as error:
        return "%s: %s" % (type(error).__name__, str(error).splitlines()[0] if str(error) else "")
    return None


def statement_text(node):
    """An import statement as python::import_statement_text spells it."""
    names = ", ".join(a.name + (" as " + a.asname if a.asname else "") for a in node.names)
    if isinstance(node, ast.Import):
        return "import " + names
    return "from %s%s import %s" % ("." * node.level, node.module or "", names)


def bound_names(node):
    return {a.asname or (a.name if isinstance(node, ast.ImportFrom) else a.name.split(".")[0]) for a in node.names}


def is_import(node):
    return isinstance(node, (ast.Import, ast.ImportFrom))


def derived_from(node, moved):
    """Whether import `node` imports part of one of the moved statements' names, spelled the same."""
    for statement in moved:
        if type(node) is not type(statement):
            continue
        if isinstance(node, ast.ImportFrom) and (node.module, node.level) != (statement.module, statement.level):
            continue
        aliases = {(a.name, a.asname) for a in statement.names}
        if all((a.name, a.asname) in aliases for a in node.names):
            return True
    return False


def is_type_checking_test(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        and isinstance(test.value, ast.Name) and test.value.id == "typing")


def bound_before(statements):
    """The names module-level imports and assignments among `statements` bind, unconditionally."""
    names = set()
    for node in statements:
        if is_import(node):
            names |= bound_names(node)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def signature(node):
    """A cheap key of a statement for aligning two modules: imports by their text, others by kind."""
    return statement_text(node) if is_import(node) else type(node).__name__


def has_docstring(body):
    return bool(body) and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
        and isinstance(body[0].value.value, str)


class Comparison:
    """The two modules' statements with the moves taken out, and what the moves were."""

    def __init__(self, before, after, moved_statements, failures):
        self.failures = failures
        self.inserted = {}  # (def name, line before) -> names the inserted imports bind there
        self.kept_for_type_checking = set()  # moved names still bound under `if TYPE_CHECKING:`
        self.added_type_checking_import = False
        self.type_checking_references = set()  # what the new `if TYPE_CHECKING:` tests read
        self.inserted_nodes = []  # in after: every statement the fix wrote
        moved_texts = collections.Counter(moved_statements)
        self.moved = [node for node in before.body if is_import(node) and moved_texts[statement_text(node)] > 0]
        if sorted(statement_text(node) for node in self.moved) != sorted(moved_texts.elements()):
            failures.append("(c) the moved statements %s are not all module-level imports of the original"
                            % sorted(moved_texts))
        self.moved_names = set().union(*(bound_names(node) for node in self.moved)) if self.moved else set()
        before_rest = [node for node in before.body if node not in self.moved]
        after_rest = self.module_level_rest(before, after, before_rest)
        self.compare_lists(before_rest, after_rest, "module")
        if not failures and ast.dump(ast.Module(before_rest, [])) != ast.dump(ast.Module(after_rest, [])):
            failures.append("(c) the statements other than the moved imports differ")

    def is_new_guard(self, node):
        """An `if TYPE_CHECKING:` holding only moved statements: one the fix wrote."""
        moved_texts = {statement_text(m) for m in self.moved}
        return isinstance(node, ast.If) and is_type_checking_test(node.test) and not node.orelse \
            and all(is_import(s) and statement_text(s) in moved_texts for s in node.body)

    def module_level_rest(self, before, after, before_rest):
        """After's module-level statements without what the moves put there."""
        def is_guard_import(node):
            return is_import(node) and statement_text(node) == "from typing import TYPE_CHECKING"
        added = None
        if sum(map(is_guard_import, after.body)) == sum(map(is_guard_import, before_rest)) + 1:
            candidates = [i for i, node in enumerate(after.body[:-1])
                          if is_guard_import(node) and self.is_new_guard(after.body[i + 1])]
            want = [signature(n) for n in before_rest]
            for index in candidates:
                rest = [n for i, n in enumerate(after.body) if i != index and not self.is_new_guard(n)]
                if [signature(n) for n in rest] == want:
                    added = index
                    break
        rest = []
        for index, node in enumerate(after.body):
            if index == added:
                self.added_type_checking_import = True
                self.inserted_nodes.append(node)
                continue
            if self.is_new_guard(node):
                for statement in node.body:
                    self.kept_for_type_checking |= bound_names(statement)
                guard = node.test.id if isinstance(node.test, ast.Name) else node.test.value.id
                self.type_checking_references.add(guard)
                if guard not in bound_before(after.body[:index]):
                    self.failures.append("(b) line %d: `%s` is not bound before the `if` that reads it"
                                         % (node.lineno, guard))
                self.inserted_nodes.append(node)
                continue
            rest.append(node)
        return rest

    def compare_lists(self, before, after, where):
        if len(before) != len(after):
            self.failures.append("(c) %s: %d statements became %d" % (where, len(before), len(after)))
            return
        for b, a in zip(before, after):
            self.compare(b, a, where)

    def compare(self, b, a, where):
        if type(b) is not type(a):
            self.failures.append("(c) %s line %d: %s became %s" % (where, getattr(b, "lineno", 0),
                                                                   type(b).__name__, type(a).__name__))
            return
        if isinstance(b, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self.strip_inserted(b, a)
            where = "%s() line %d" % (b.name, b.lineno)
        for field in b._fields:
            bv, av = getattr(b, field, None), getattr(a, field, None)
            if isinstance(bv, list) and isinstance(av, list):
                nodes = [v for v in bv if isinstance(v, ast.AST)]
                if nodes and len(nodes) == len(bv):
                    self.compare_lists(bv, av, where)
            elif isinstance(bv, ast.AST) and isinstance(av, ast.AST):
                self.compare(bv, av, where)

    def strip_inserted(self, b, a):
        """Takes the imports the fix put first in `a`'s body out, recording the names they bind."""
        extra = len(a.body) - len(b.body)
        start = 1 if has_docstring(b.body) else 0
        inserted = a.body[start:start + extra] if extra > 0 else []
        if extra < 0 or not all(is_import(s) and derived_from(s, self.moved) for s in inserted):
            self.failures.append("(c) %s() line %d: its body changed beyond imports inserted after the docstring"
                                 % (b.name, b.lineno))
            return
        del a.body[start:start + extra]
        self.inserted_nodes.extend(inserted)
        if inserted:
            names = set().union(*(bound_names(s) for s in inserted))
            self.inserted[(b.name, b.lineno)] = names


def tables(table):
    yield table
    for child in table.get_children():
        yield from tables(child)


def is_def(table):
    return table.get_type() == "function" and table.get_name() not in NESTED_SCOPE_NAMES


def global_reads(table, names):
    """The names of `names` that `table`, its lambdas, comprehensions and classes read as globals."""
    found = {s.get_name() for s in table.get_symbols()
             if s.get_name() in names and s.is_referenced() and s.is_global()}
    for child in table.get_children():
        if not is_def(child):
            found |= global_reads(child, names)
    return found


def local_annotation_reads(source):
    """(name, line) of each function -> the names it loads only in the annotations of
    its own annotated assignments (`x: T = v`, `self.x: T = v`), which CPython never
    evaluates in a function: symtable lists them as read, the program never reads them."""
    result = {}
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        in_annotations, elsewhere = set(), set()

        def visit(node, annotation):
            for field, value in ast.iter_fields(node):
                children = value if isinstance(value, list) else [value]
                for child in children:
                    if not isinstance(child, ast.AST):
                        continue
                    if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and child is not function:
                        continue  # its own scope (symtable's child table)
                    inside = annotation or (isinstance(node, ast.AnnAssign) and field == "annotation")
                    if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load):
                        (in_annotations if inside else elsewhere).add(child.id)
                    visit(child, inside)

        for statement in function.body:
            visit(ast.Module(body=[statement], type_ignores=[]), False)
        result[(function.name, function.lineno)] = in_annotations - elsewhere
    return result


def check_symbols(path, before_source, after_source, comparison, failures):
    before_tables = list(tables(symtable.symtable(before_source, path, "exec")))
    after_tables = list(tables(symtable.symtable(after_source, path, "exec")))
    if [(t.get_type(), t.get_name()) for t in before_tables] != [(t.get_type(), t.get_name()) for t in after_tables]:
        failures.append("(b) the scopes differ")
        return
    gone = comparison.moved_names - comparison.kept_for_type_checking
    if comparison.added_type_checking_import:
        gone.discard("TYPE_CHECKING")  # moved into functions, and imported again for the new guard
    never_read = local_annotation_reads(before_source)  # keyed as the before tables are
    for b, a in zip(before_tables, after_tables):
        where = "%s %s line %d" % (b.get_type(), b.get_name(), b.get_lineno())
        unevaluated = never_read.get((b.get_name(), b.get_lineno()), set()) if is_def(b) else set()
        b_local = {s.get_name() for s in b.get_symbols() if s.is_local()}
        a_local = {s.get_name() for s in a.get_symbols() if s.is_local()}
        b_refs = {s.get_name() for s in b.get_symbols() if s.is_referenced()}
        a_refs = {s.get_name() for s in a.get_symbols() if s.is_referenced()}
        expected_local, expected_refs = set(b_local), set(b_refs)
        if b.get_type() == "module":
            expected_local = (b_local - gone) | ({"TYPE_CHECKING"} if comparison.added_type_checking_import else set())
            expected_refs |= comparison.type_checking_references
        elif is_def(b):
            inserted = comparison.inserted.get((b.get_name(), b.get_lineno()), set())
            wanted = global_reads(b, comparison.moved_names) - unevaluated
            if inserted - unevaluated != wanted:
                failures.append("(b) %s: receives imports of %s, reads %s from the moved imports"
                                % (where, sorted(inserted), sorted(wanted)))
            not_imported = [n for n in inserted if n in a_local and not a.lookup(n).is_imported()]
            if not_imported:
                failures.append("(b) %s: %s bound but not imported" % (where, not_imported))
            expected_local |= inserted
        if a_local != expected_local:
            failures.append("(b) %s: binds %s, not %s (lost %s, gained %s)" % (
                where, sorted(a_local), sorted(expected_local), sorted(expected_local - a_local),
                sorted(a_local - expected_local)))
        if a_refs != expected_refs:
            failures.append("(b) %s: references changed: lost %s, gained %s"
                            % (where, sorted(expected_refs - a_refs), sorted(a_refs - expected_refs)))
        stale = sorted(s.get_name() for s in a.get_symbols()
                       if s.get_name() in gone and s.is_referenced() and s.is_global()
                       and s.get_name() not in unevaluated)
        if stale:
            failures.append("(b) %s: still reads %s as a global the module no longer binds" % (where, stale))


def check_lines(before_bytes, after_bytes, comparison, failures):
    """Byte for byte: the lines that are neither blank nor a moved statement's are the same lines, in order."""
    def kept(lines, taken):
        return [(n + 1, line.rstrip(b"\r\n")) for n, line in enumerate(lines)
                if n + 1 not in taken and line.strip()]
    def line_numbers(nodes):
        return {n for node in nodes for n in range(node.lineno, node.end_lineno + 1)}
    before_lines = before_bytes.splitlines(keepends=True)
    moved_lines = line_numbers(comparison.moved)
    before = kept(before_lines, moved_lines)
    after = kept(after_bytes.splitlines(keepends=True), line_numbers(comparison.inserted_nodes))
    # A statement rewritten for part of its names keeps the comments from inside
    # its parentheses as comment lines before it: those are moved text too.
    moved_comments = {before_lines[n - 1][before_lines[n - 1].index(b"#"):].strip()
                      for n in moved_lines if b"#" in before_lines[n - 1]}
    after = [(n, line) for n, line in after if not (line.lstrip().startswith(b"#") and line.strip() in moved_comments)]
    for (b_number, b_line), (a_number, a_line) in zip(before, after):
        if b_line != a_line:
            failures.append("(c) line %d %r became line %d %r" % (b_number, b_line[:100], a_number, a_line[:100]))
            return
    if len(before) != len(after):
        failures.append("(c) %d lines that are not moved imports became %d" % (len(before), len(after)))


def check_file(job):
    """The failures of one file whose imports moved: (path, [failure])."""
    path, out_path, moved_statements = job
    if oracle_skips(path) is not None:
        return path, None
    failures = []
    with open(path, "rb") as handle:
        before_bytes = handle.read()
    with open(out_path, "rb") as handle:
        after_bytes = handle.read()
    encoding = tokenize.detect_encoding(iter(before_bytes.splitlines(keepends=True)).__next__)[0]
    try:
        compile(after_bytes, path, "exec", dont_inherit=True)
        if tokenize.detect_encoding(iter(after_bytes.splitlines(keepends=True)).__next__)[0] != encoding:
            failures.append("(a) the encoding changed")
        after_source = read_source(out_path)
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError) as error:
        return path, ["(a) compile() refuses the result: %s: %s" % (type(error).__name__, error)]
    before_source = read_source(path)
    comparison = Comparison(ast.parse(before_source, path), ast.parse(after_source, path), moved_statements,
                            failures)
    if not failures:
        check_symbols(path, before_source, after_source, comparison, failures)
        check_lines(before_bytes, after_bytes, comparison, failures)
    return path, failures


def run_driver(driver, paths, out):
    run = subprocess.run([driver, "--out", out], input="\n".join(paths) + "\n", capture_output=True, text=True,
                         timeout=1800)
    if run.returncode != 0:
        sys.exit("lmms_fix_driver failed (exit %d): %s" % (run.returncode, run.stderr[-2000:]))
    return [json.loads(line) for line in run.stdout.splitlines()]


def output_path(out, path):
    return os.path.join(out, os.path.relpath(path, "/"))


def sample(files, size):
    """Every k-th file of the sorted list: the same files on every run."""
    if size <= 0 or size >= len(files):
        return files
    step = len(files) / size
    return [files[int(i * step)] for i in range(size)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--driver", required=True)
    parser.add_argument("--sample", type=int, default=0, help="check N files of the corpus (default: all)")
    parser.add_argument("--show", type=int, default=40, help="failures to print (default 40)")
    parser.add_argument("--keep", help="write the results under this folder and keep them")
    parser.add_argument("roots", nargs="*", default=DEFAULT_ROOTS)
    options = parser.parse_args()
    files = sample(python_files([r for r in options.roots if os.path.isdir(r)]), options.sample)
    driver = os.path.abspath(options.driver)
    with tempfile.TemporaryDirectory(prefix="lmms-fix-property-") as scratch:
        out = options.keep or os.path.join(scratch, "first")
        records = run_driver(driver, files, out)
        changed = [r for r in records if r.get("changed")]
        jobs = [(r["path"], output_path(out, r["path"]), [m["statement"] for m in r["moved"]])
                for r in changed]
        with multiprocessing.Pool() as pool:
            results = dict(pool.map(check_file, jobs, chunksize=8))
        skipped = {path for path, failures in results.items() if failures is None}
        failures = [(path, f) for path, fs in sorted(results.items()) if fs for f in fs]
        for record in records:
            if record.get("error") and record["path"] not in skipped and oracle_skips(record["path"]) is None:
                failures.append((record["path"], "driver: " + record["error"]))
            if record.get("moved") and not record.get("changed"):
                failures.append((record["path"], "imports moved but the text is unchanged"))
        outputs = [output_path(out, r["path"]) for r in changed if r["path"] not in skipped]
        for record in run_driver(driver, outputs, os.path.join(scratch, "second")) if outputs else []:
            if record.get("moved") or record.get("changed") or record.get("error"):
                failures.append((record["path"], "(d) a second run moves %s%s" % (
                    [m["statement"] for m in record.get("moved", [])],
                    ", error " + record["error"] if record.get("error") else "")))
    reasons = collections.Counter(re.sub(r"`[^`]*`|line \d+|\S+\(\)", "…", r["reason"])
                                  for record in records for r in record.get("refused", []))
    moved = sum(len(r["moved"]) for r in changed)
    print("%d files, %d sites, %d files changed, %d imports moved, %d refused"
          % (len(records), sum(r.get("sites", 0) for r in records), len(changed), moved, sum(reasons.values())))
    for reason, count in reasons.most_common(12):
        print("  refused %6d  %s" % (count, reason))
    for path, failure in failures[:options.show]:
        print("FAILURE %s: %s" % (path, failure))
    print("%d failures in %d files" % (len(failures), len({path for path, _ in failures})))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

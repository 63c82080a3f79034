"""The hand-optimised copy of a bundled example: examples/NAME with tests/examples/NAME.patch
applied (a unified diff of the files the hand edits change). Kept as a patch so the example's
code is written once. Stdlib only; run with /usr/bin/python3.

    /usr/bin/python3 tests/examples/hand_copy.py write NAME DIR   # DIR becomes the hand copy
    /usr/bin/python3 tests/examples/hand_copy.py save NAME DIR    # the patch from an edited DIR

The patch holds modified text files only; a hunk whose context does not match refuses the copy."""
import difflib
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
IGNORE = shutil.ignore_patterns("__pycache__", ".lmms", "*.pyc")
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def patch_path(name):
    return os.path.join(HERE, name + ".patch")


def example_files(tree):
    """The files of a tree, relative and sorted, without caches."""
    found = []
    for folder, dirs, files in os.walk(tree):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", ".lmms"))
        found += [os.path.relpath(os.path.join(folder, f), tree) for f in sorted(files)
                  if not f.endswith(".pyc")]
    return found


def make_patch(original, edited):
    """The unified diff from `original` to `edited` (same files, some changed)."""
    before, after = example_files(original), example_files(edited)
    if before != after:
        raise SystemExit(f"hand_copy: {edited} adds or drops files: {sorted(set(before) ^ set(after))}")
    text = []
    for path in before:
        with open(os.path.join(original, path), encoding="utf-8") as f:
            old = f.read().splitlines(keepends=True)
        with open(os.path.join(edited, path), encoding="utf-8") as f:
            new = f.read().splitlines(keepends=True)
        if old != new:
            if any(not text[-1].endswith("\n") for text in (old, new) if text):
                raise SystemExit(f"hand_copy: {path} must end with a newline to be patched")
            text += difflib.unified_diff(old, new, "a/" + path, "b/" + path)
    return "".join(text)


def apply_patch(patch, tree):
    """Applies `patch` (make_patch's format) to the files under `tree`, in place."""
    lines = patch.splitlines(keepends=True)
    at = 0
    while at < len(lines):
        if not lines[at].startswith("--- a/") or not lines[at + 1].startswith("+++ b/"):
            raise SystemExit(f"hand_copy: patch line {at + 1}: expected a file header")
        path = os.path.join(tree, lines[at + 1][len("+++ b/"):].rstrip("\n"))
        with open(path, encoding="utf-8") as f:
            old = f.read().splitlines(keepends=True)
        new, done, at = [], 0, at + 2
        while at < len(lines) and (match := HUNK.match(lines[at])):
            removed, added = (int(n) if n is not None else 1 for n in match.group(2, 4))
            start = int(match.group(1)) - (0 if removed == 0 else 1)
            new += old[done:start]
            done, at = start, at + 1
            while removed + added > 0:
                mark, text = lines[at][0], lines[at][1:]
                removed -= mark != "+"
                added -= mark != "-"
                if mark != "+":
                    if done >= len(old) or old[done] != text:
                        raise SystemExit(f"hand_copy: {path}:{done + 1} does not match the patch")
                    done += 1
                if mark != "-":
                    new.append(text)
                at += 1
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(new + old[done:])


def write(name, dest):
    """dest (new) becomes the hand-optimised copy of examples/NAME."""
    shutil.copytree(os.path.join(ROOT, "examples", name), dest, ignore=IGNORE)
    with open(patch_path(name), encoding="utf-8") as f:
        apply_patch(f.read(), dest)


def main(argv):
    if len(argv) != 4 or argv[1] not in ("write", "save"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    _, command, name, tree = argv
    if command == "write":
        write(name, tree)
    else:
        with open(patch_path(name), "w", encoding="utf-8") as f:
            f.write(make_patch(os.path.join(ROOT, "examples", name), tree))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

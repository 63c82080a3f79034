"""Commits the project as it was (json imported at module level), then leaves
the working tree with the import moved into the handler, uncommitted."""
import os
import subprocess
import sys

project = sys.argv[1]
git = ["git", "-c", "user.name=LMMS", "-c", "user.email=lmms@example.invalid", "-c", "commit.gpgsign=false"]
handler = os.path.join(project, "app", "handler.py")
with open(handler) as f:
    moved = f.read()
before = moved.replace('"""\n\n\ndef handler', '"""\nimport json\n\n\ndef handler').replace(
    "    import json\n\n", "")
assert before != moved
with open(handler, "w") as f:
    f.write(before)
# A fixed date, so the commit's hash, which the report names, is the same on every run.
env = dict(os.environ, GIT_AUTHOR_DATE="2026-12-01T10:00:00Z", GIT_COMMITTER_DATE="2026-12-01T10:00:00Z")
subprocess.run(["git", "init", "-q", "-b", "main", project], check=True, env=env)
subprocess.run(git + ["-C", project, "add", "-A"], check=True, env=env)
subprocess.run(git + ["-C", project, "commit", "-q", "-m", "before"], check=True, env=env)
with open(handler, "w") as f:
    f.write(moved)

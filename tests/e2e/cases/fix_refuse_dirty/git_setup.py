"""Commits the project, then changes app/main.py without committing it."""
import os
import subprocess
import sys

project = sys.argv[1]
env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
           GIT_COMMITTER_EMAIL="t@t")
for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
    subprocess.run(["git"] + args, cwd=project, env=env, check=True)
with open(os.path.join(project, "app", "main.py"), "a") as f:
    f.write("# edited, not committed\n")

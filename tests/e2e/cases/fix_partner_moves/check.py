"""lmms fix --verify --unsafe-fixes on two imports that save nothing one at a time: a package
re-export (module __getattr__, PEP 562) and another module's import of the same submodule,
which moves with that remedy. Both are applied, every invocation behaves the same, and the
plan says which row moves with which remedy. The snapshot's time, the latencies and the
cold-start figures vary: masked."""
import os
import re
import sys

text = sys.stdin.read()
text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "YYYY-MM-DDTHH:MM:SSZ", text)
text = re.sub(r"^(  \w+) +#.*$", r"\1 (latencies)", text, flags=re.M)
text = re.sub(r"^(  (?:reference|working|cut)) .*$", r"\1 (figures)", text, flags=re.M)
text = re.sub(r"^(  plan) .*$", r"\1 (figures)", text, flags=re.M)
sys.stdout.write(text)
project = sys.argv[1]
with open(os.path.join(project, "app", "shop", "views.py")) as f:
    print("== app/shop/views.py after the fix")
    sys.stdout.write(f.read())
with open(os.path.join(project, ".lmms", "remedy_rows.txt")) as f:
    print("== the plan's rows with a remedy, before the fix")
    sys.stdout.write(f.read())

"""lmms fix --verify --unsafe-fixes on a package re-export read from other modules and a
side-effect plugin import: the re-export gets a module __getattr__ (PEP 562), the plugin import
stays, and every invocation behaves the same. Then the rewritten package __init__. The snapshot's
time, the latencies and the cold-start figures vary: masked."""
import os
import re
import sys

text = sys.stdin.read()
text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "YYYY-MM-DDTHH:MM:SSZ", text)
text = re.sub(r"^(  \w+) +#.*$", r"\1 (latencies)", text, flags=re.M)
text = re.sub(r"^(  (?:reference|working|cut)) .*$", r"\1 (figures)", text, flags=re.M)
sys.stdout.write(text)
with open(os.path.join(sys.argv[1], "app", "store", "__init__.py")) as f:
    print("== app/store/__init__.py after the fix")
    sys.stdout.write(f.read())
with open(os.path.join(sys.argv[1], "app", "main.py")) as f:
    print("== the plugin import is still there:", "import plugin" in f.read() or "plugin" in open(
        os.path.join(sys.argv[1], "app", "fast_path.py")).read())

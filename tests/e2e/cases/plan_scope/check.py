"""The plan lists the entry's files only: tests/, docs/ (defaults) and extend-exclude are out of scope."""
import json
import sys

text = sys.stdin.read()
plan = json.loads(text[text.index("{"):])
for item in plan["items"]:
    print("%s:%d %s" % (item["file"], item["line"], item["statement"]))

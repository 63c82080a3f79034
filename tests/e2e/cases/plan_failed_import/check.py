"""A module whose import failed at cold start (as msvcrt on Linux) is not loaded: its module-level
rows say the import fails here and is caught, and a function-level import of it is never hoisted."""
import json
import re
import sys

plan = json.load(sys.stdin)
for i in plan["items"]:
    print("%s:%d %s: %s, %s\n    %s" % (i["file"], i["line"], i["statement"], i["action"], i["reason_code"],
                                      re.sub(r"\d+\.\d ms", "# ms", i["reason"])))
print("hoists:", plan["summary"]["hoist"])

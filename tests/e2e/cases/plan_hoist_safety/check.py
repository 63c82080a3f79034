"""The decision and reason code of every row of a project whose function-level imports must not be
hoisted (a guard, an import never seen to succeed, a name the module binds otherwise, an import
cycle) and whose unread import must stay; no timings."""
import json
import sys

plan = json.load(sys.stdin)
for i in plan["items"]:
    why = i["why"]
    extra = ""
    if why["cycle"]:
        extra = " cycle " + " -> ".join(why["cycle"])
    if why["blocking"]:
        extra += " blocking " + ",".join("%s:%d" % (b["file"], b["line"]) for b in why["blocking"])
    if why["guard"]:
        extra += " guard " + why["guard"]
    print("%s:%d %s: %s, %s%s" % (i["file"], i["line"], i["statement"], i["action"], i["reason_code"], extra))
print("hoists:", plan["summary"]["hoist"])
print("no reason proposes removing an import:", all("remove" not in i["reason"] for i in plan["items"]))

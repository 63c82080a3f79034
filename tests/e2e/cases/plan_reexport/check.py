"""The decision of every row of a project whose package re-exports are read from other modules
(an attribute read in a function, a module-level from-import off and on the cold path) and whose
plugin import is read by nobody: cannot_move with the readers, the module __getattr__ remedy,
side_effect; never "remove"; the prediction counts no row that cannot move. No timings."""
import json
import sys

plan = json.load(sys.stdin)
for i in plan["items"]:
    why = i["why"]
    extra = ""
    if why["blocking"]:
        extra += " blocking " + ",".join("%s:%d %s" % (b["file"], b["line"], b["kind"]) for b in why["blocking"])
    remedy = i.get("remedy")
    if remedy:
        extra += "\n    remedy %s (%s): %s; readers %s" % (remedy["kind"], remedy["fix"], remedy["edit"],
                                                          ",".join(remedy["readers"]))
        extra += "\n    remedy saving equals the row's cost: %s" % (remedy["saving_ms"] == i["cost_ms"])
    print("%s:%d %s: %s, %s%s" % (i["file"], i["line"], i["statement"], i["action"], i["reason_code"], extra))
print("lazy:", plan["summary"]["lazy"], "cannot_move:", plan["summary"]["cannot_move"])
print("no row says remove:", all("remove" not in json.dumps(i) for i in plan["items"]))

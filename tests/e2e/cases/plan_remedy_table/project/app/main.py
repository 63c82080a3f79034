"""One module per import-time use of TRAPS.md B, each blocking a heavy library."""
from app import commands, flag, models, plot, probe, tmpl


def handler(event, context):
    kind = event["kind"]
    # Every event reads each module, so each stays on the cold path and its own imports are planned.
    modules = [commands, flag, models, plot, probe, tmpl]
    n = event["n"]
    if kind == "draw":
        return plot.draw(n)
    if kind == "rich":
        return probe.rich(n)
    if kind == "dump":
        return flag.dump(n)
    if kind == "page":
        return tmpl.page(n)
    if kind == "make":
        return models.make(n)
    if kind == "run":
        return commands.run(n)
    return {"saved": n, "modules": len(modules)}

"""One statement, two decisions: heavylib moves into its function, lightlib goes to the fast path,
in the same run (a second run has nothing left to do)."""
import heavylib, lightlib


def rare(event):
    return {"rare": heavylib.value(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return {"saved": lightlib.value(event["n"])}

"""Style lazy: PEP 810 `lazy import` in place, for the plain and the from import alike."""
import heavylib
from heavytwo import value as two


def save(event):
    return {"saved": event["n"]}


def rare(event):
    return {"rare": heavylib.value(event["n"]), "two": two(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

"""The heavy library is read by a function nested in another: the import goes into the inner one."""
import heavylib


def save(event):
    return {"saved": event["n"]}


def rare(event):
    def render(n):
        return heavylib.value(n)

    return {"rare": render(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

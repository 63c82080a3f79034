"""The heavy library under another name: the alias is kept."""
import heavylib as hl


def save(event):
    return {"saved": event["n"]}


def rare(event):
    return {"rare": hl.value(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

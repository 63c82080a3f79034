"""CRLF line endings: the lines the fix writes end as the others do."""
import heavylib


def save(event):
    return {"saved": event["n"]}


def rare(event):
    return {"rare": heavylib.value(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

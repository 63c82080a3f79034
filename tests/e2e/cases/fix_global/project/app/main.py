"""A function rebinds the import's name as a global: moving the import would change what it rebinds."""
import heavylib


def save(event):
    return {"saved": event["n"]}


def rare(event):
    global heavylib
    value = heavylib.value(event["n"])
    heavylib = heavylib
    return {"rare": value}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

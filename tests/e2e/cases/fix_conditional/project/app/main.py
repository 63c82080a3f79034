"""The import runs only when a flag says so: moving it out of its block would change when it runs."""
USE_HEAVY = True

if USE_HEAVY:
    import heavylib


def save(event):
    return {"saved": event["n"]}


def rare(event):
    return {"rare": heavylib.value(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

"""An optional import guarded by try/except ImportError: the block moves only as a whole."""
try:
    import heavylib
except ImportError:
    heavylib = None


def save(event):
    return {"saved": event["n"]}


def rare(event):
    if heavylib is None:
        return {"rare": None}
    return {"rare": heavylib.value(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

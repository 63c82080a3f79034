"""A decorator from the heavy library runs when the module is imported: the import stays."""
import heavylib


@heavylib.deco
def rare(event):
    return {"rare": event["n"], "decorated": rare.decorated}


def save(event):
    return {"saved": event["n"]}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

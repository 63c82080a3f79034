"""The heavy library is read by a method."""
import heavylib


class Store:
    def __init__(self):
        self.rows = []

    def save(self, event):
        self.rows.append(event["n"])
        return {"saved": event["n"]}

    def rare(self, event):
        return {"rare": heavylib.value(event["n"]), "rows": len(self.rows)}


STORE = Store()


def handler(event, context):
    if event["kind"] == "rare":
        return STORE.rare(event)
    return STORE.save(event)

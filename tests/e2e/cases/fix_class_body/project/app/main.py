"""A class body reads the heavy library when the module is imported: the import stays."""
import heavylib


class Report:
    label = heavylib.value("label")

    def build(self, event):
        return {"rare": self.label, "n": event["n"]}


def save(event):
    return {"saved": event["n"]}


def handler(event, context):
    if event["kind"] == "rare":
        return Report().build(event)
    return save(event)

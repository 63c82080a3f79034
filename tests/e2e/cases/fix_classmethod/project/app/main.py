"""The heavy library is read by a classmethod and a staticmethod."""
import heavylib


class Report:
    prefix = "report"

    @classmethod
    def build(cls, event):
        return {cls.prefix: heavylib.value(event["n"])}

    @staticmethod
    def plain(event):
        return {"saved": event["n"]}


def handler(event, context):
    if event["kind"] == "rare":
        return Report.build(event)
    return Report.plain(event)

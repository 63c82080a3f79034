"""A handler whose heavy import serves one rare event kind."""
import slowlib


def report(event):
    return slowlib.summary(event["values"])


def handler(event, context):
    if event.get("kind") == "report":
        return report(event)
    return {"echo": event.get("kind")}

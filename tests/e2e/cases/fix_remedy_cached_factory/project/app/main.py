"""A module-level object built from a heavy library and used on a cold path."""
import heavytmpl

env = heavytmpl.Environment("page")


def page(n):
    return env.render(n)


def handler(event, context):
    if event["kind"] == "rare":
        return {"rare": page(event["n"])}
    return {"saved": event["n"]}

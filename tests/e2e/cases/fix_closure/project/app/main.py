"""A closure and a lambda read the heavy library: the closure binds it itself, the lambda's
enclosing function binds it for the lambda."""
import heavylib


def make_renderer(prefix):
    def render(n):
        return prefix + heavylib.value(n)

    return render


def save(event):
    return {"saved": event["n"]}


def rare(event):
    twice = lambda n: heavylib.value(n) * 2  # noqa: E731
    return {"rare": make_renderer("r:")(event["n"]), "twice": twice(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

"""Comments and docstrings: the import's trailing comment travels with it, and the import goes
after each function's docstring."""
# The heavy library costs 150 ms at import.
import heavylib  # noqa: I001  (kept with the import)


def save(event):
    return {"saved": event["n"]}


def rare(event):
    """The rare path.

    Its docstring stays the first statement.
    """
    # a comment before the first statement stays where it is
    return {"rare": heavylib.value(event["n"]), "doc": rare.__doc__.splitlines()[0]}


def other(event):
    "A one-line docstring."
    return {"other": heavylib.value(-event["n"]), "doc": other.__doc__}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    if event["kind"] == "other":
        return other(event)
    return save(event)

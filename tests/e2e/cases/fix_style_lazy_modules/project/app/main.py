"""Style lazy-modules: the modules go into `__lazy_modules__`, after the docstring and the
`__future__` import; the imports stay as they are."""
from __future__ import annotations

import heavylib
from heavytwo import value as two


def save(event):
    return {"saved": event["n"]}


def rare(event):
    return {"rare": heavylib.value(event["n"]), "two": two(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

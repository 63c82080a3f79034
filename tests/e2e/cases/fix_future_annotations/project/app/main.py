"""Postponed annotations: heavytwo is only in annotations, heavylib is read at runtime."""
from __future__ import annotations

import heavylib
import heavytwo


def save(event) -> dict:
    return {"saved": event["n"]}


def rare(event: dict, kind: heavytwo.Kind | None = None) -> dict:
    return {"rare": heavylib.value(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)

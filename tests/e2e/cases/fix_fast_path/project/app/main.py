"""The entry's imports that stay go through the fast path; the heavy one moves into its function."""
import lightlib

import heavylib
from app import helpers


def rare(event):
    return {"rare": heavylib.value(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return {"saved": helpers.label(lightlib.value(event["n"]))}

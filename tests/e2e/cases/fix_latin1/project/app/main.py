# -*- coding: latin-1 -*-
"""Latin-1 with a coding cookie: the bytes the fix does not change stay latin-1."""
import heavylib


def save(event):
    return {"saved": event["n"]}


def rare(event):
    return {"rare": heavylib.value(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    return save(event)


def greeting():
    return "café crème"


GREETING = greeting()

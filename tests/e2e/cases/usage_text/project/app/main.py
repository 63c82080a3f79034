"""A handler whose import usage is known by construction (events.jsonl:
4 order, 3 note, 2 report, 1 bad)."""
import csv
import decimal
import functools
import io
import json

from app import helpers


@functools.lru_cache(maxsize=None)  # functools: used at import time only
def currency():
    return "EUR"


def total(decimal, count):  # a parameter shadows the module: never a use
    return decimal * count


def handler(event, context):
    kind = event["type"]
    amount = total(event.get("amount", 1), 2)
    if kind == "report":  # csv and io: 2 of 10
        buffer = io.StringIO()
        csv.writer(buffer).writerow([kind, amount])
        return buffer.getvalue()
    if kind == "note":  # helpers here, textwrap inside it: 3 of 10
        return helpers.shorten(event["text"])
    if kind == "bad":
        raise ValueError("unknown kind: " + kind)
    return json.dumps({"amount": amount, "currency": currency()})  # json: 4 of 10

"""A handler whose import usage is known by construction (events.jsonl:
4 order, 3 note, 2 report, 1 bad)."""
import decimal
import functools
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
    if kind == "report":  # 2 of 10; the first imports app.reports
        helpers.stamp()  # runs before the import too: its line must count again in it
        from app import reports

        return reports.render(kind, amount)
    if kind == "note":  # textwrap inside helpers: 3 of 10; helpers and time: 5 of 10 with the reports
        helpers.stamp()
        return helpers.shorten(event["text"])
    if kind == "bad":
        raise ValueError("unknown kind: " + kind)
    return json.dumps({"amount": amount, "currency": currency()})  # json: 4 of 10

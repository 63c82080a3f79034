"""Three names from one heavy library, read by two functions: each gets only its own."""
from heavylib import alpha, beta as second, gamma


def save(event):
    return {"saved": event["n"]}


def rare(event):
    return {"rare": alpha(event["n"]) + gamma(event["n"])}


def other(event):
    return {"other": second(event["n"])}


def handler(event, context):
    if event["kind"] == "rare":
        return rare(event)
    if event["kind"] == "other":
        return other(event)
    return save(event)

"""A feature flag from an optional import, tested at module level."""
try:
    import heavyjson
except ImportError:
    heavyjson = None

if heavyjson is not None:
    FORMAT = "fast"
else:
    FORMAT = "slow"


def dump(n):
    if heavyjson is None:
        return "slow(%s)" % (n,)
    return FORMAT + ":" + heavyjson.dumps(n)


def handler(event, context):
    if event["kind"] == "rare":
        return {"rare": dump(event["n"]), "format": FORMAT}
    return {"saved": event["n"]}

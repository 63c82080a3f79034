"""An availability probe: heavyflag is imported only to learn whether it is installed."""
try:
    import heavyflag
    heavyflag.VERSION
    HAS_FLAG = True
except ImportError:
    HAS_FLAG = False


def rich(n):
    if not HAS_FLAG:
        return None
    return heavyflag.value(n)


def handler(event, context):
    if event["kind"] == "rare":
        return {"rare": rich(event["n"]), "flag": HAS_FLAG}
    return {"saved": event["n"]}

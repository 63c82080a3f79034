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

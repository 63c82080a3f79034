"""A fake optional library, 150 ms at import, probed for being installed."""
import time

time.sleep(0.150)
VERSION = "1.0"


def value(x):
    return "flag(%s)" % (x,)

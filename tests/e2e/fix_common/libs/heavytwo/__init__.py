"""A second fake heavy library, 150 ms at import."""
import time

time.sleep(0.150)


def value(x):
    return "two(%s)" % (x,)

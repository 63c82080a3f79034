"""A fake optional fast serializer, 150 ms at import."""
import time

time.sleep(0.150)


def dumps(x):
    return "fast(%s)" % (x,)

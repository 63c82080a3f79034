"""A fake light library: nothing to wait for."""


def value(x):
    return "light(%s)" % (x,)

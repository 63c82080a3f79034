"""A fake heavy library: 150 ms at import, so the plan always finds it heavy."""
import time

time.sleep(0.150)


def value(x):
    return "heavy(%s)" % (x,)


def alpha(x):
    return "alpha(%s)" % (x,)


def beta(x):
    return "beta(%s)" % (x,)


def gamma(x):
    return "gamma(%s)" % (x,)


def deco(function):
    function.decorated = True
    return function


class Base:
    kind = "base"

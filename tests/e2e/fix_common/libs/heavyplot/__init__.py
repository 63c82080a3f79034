"""A fake plotting library, 150 ms at import, that must be configured before use."""
import time

time.sleep(0.150)
BACKEND = "default"


def use(backend):
    global BACKEND
    BACKEND = backend


def render(x):
    return "[%s] plot(%s)" % (BACKEND, x)

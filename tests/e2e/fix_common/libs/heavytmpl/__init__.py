"""A fake template engine, 150 ms at import; its Environment is built at module level."""
import time

time.sleep(0.150)


class Environment:
    def __init__(self, prefix="page"):
        self.prefix = prefix

    def render(self, x):
        return "%s(%s)" % (self.prefix, x)

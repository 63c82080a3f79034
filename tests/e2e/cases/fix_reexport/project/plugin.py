"""A side-effect plugin: importing it adds lightlib.table; 60 ms of work at import."""
import time

import lightlib

time.sleep(0.060)


def _table(n):
    return "table(%s)" % lightlib.value(n)


lightlib.table = _table

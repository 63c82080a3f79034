"""A heavy module: 60 ms of work at import."""
import time

time.sleep(0.060)


def render_report(n):
    return "report(%d)" % n

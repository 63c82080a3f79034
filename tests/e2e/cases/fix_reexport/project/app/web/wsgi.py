"""A heavy module: 60 ms of work at import."""
import time

time.sleep(0.060)


def application(n):
    return "wsgi(%d)" % n

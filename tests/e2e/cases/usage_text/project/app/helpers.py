import textwrap
import time


def shorten(text):
    return textwrap.shorten(text, width=12, placeholder="...")


def stamp():
    return time.monotonic()  # run by note events, and while app.reports imports

import textwrap


def shorten(text):
    return textwrap.shorten(text, width=12, placeholder="...")

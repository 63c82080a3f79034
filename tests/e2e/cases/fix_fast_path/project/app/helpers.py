"""A light project module the entry uses on every path."""


def label(text):
    return "[%s]" % text

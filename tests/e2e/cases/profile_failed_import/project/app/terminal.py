try:
    from _lmms_no_such_module import getwch
except ImportError:
    getwch = None


def width(console):
    return 80 if console is None else console.width()

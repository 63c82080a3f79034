try:
    import heavyflag
    heavyflag.VERSION
    HAS_FLAG = True
except ImportError:
    HAS_FLAG = False


def rich(n):
    if not HAS_FLAG:
        return None
    return heavyflag.value(n)

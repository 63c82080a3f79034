from app import main as entry


def tag(n):
    return "peer(%s, %s)" % (n, entry.main())

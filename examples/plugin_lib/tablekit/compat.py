"""What is installed: pandas and numpy are imported here only to learn whether they are."""
try:
    import pandas  # noqa: F401
    HAVE_PANDAS = True
except ImportError:
    HAVE_PANDAS = False

try:
    import numpy  # noqa: F401
    HAVE_NUMPY = True
except ImportError:
    HAVE_NUMPY = False


def features():
    return {"numpy": HAVE_NUMPY, "pandas": HAVE_PANDAS}

"""What is installed: asked of the finder, without importing pandas or numpy."""
from importlib.util import find_spec

HAVE_PANDAS = find_spec("pandas") is not None
HAVE_NUMPY = find_spec("numpy") is not None


def features():
    return {"numpy": HAVE_NUMPY, "pandas": HAVE_PANDAS}

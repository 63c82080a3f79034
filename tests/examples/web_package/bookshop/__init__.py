"""bookshop: a small WSGI book shop. `bookshop.application` is the WSGI callable."""
from bookshop.app import application
from bookshop.store import Book, Store

__version__ = "2.3.1"
__all__ = ["Book", "OrderLine", "OrderRequest", "Store", "application", "render_page", "__version__"]

# Heavy re-exports (pydantic, jinja2), imported on first access (PEP 562).
_LAZY = {"OrderLine": "bookshop.models", "OrderRequest": "bookshop.models", "render_page": "bookshop.render"}


def __getattr__(name):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))

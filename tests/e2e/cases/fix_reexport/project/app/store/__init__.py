"""The package re-exports its database class: public API, listed in __all__."""
from .db import Database

__all__ = ["Database", "describe"]


def describe():
    return "store"

"""Imported only by the `tools` command: its module-level from-import runs then, not at cold start."""
from app.store import Database


def count(n):
    return Database(n).query() + "!"

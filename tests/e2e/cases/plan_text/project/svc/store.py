"""Every event is recorded in an in-memory database opened at import time."""
import sqlite3
from decimal import Decimal

_db = sqlite3.connect(":memory:")
_db.execute("create table events (kind text, body text)")


def record(kind):
    _db.execute("insert into events values (?, '')", (kind,))


def save(body):
    _db.execute("insert into events values ('body', ?)", (body,))
    return str(Decimal(len(body)) / Decimal(1000))

from __future__ import annotations

import os, sys as system
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

try:
    import ujson as json
except ImportError:
    import json

__all__ = ["load", "Loader"]


def load(path: os.PathLike) -> dict:
    import yaml  # lazy: only when loading

    with open(path) as handle:
        return yaml.safe_load(handle)


class Loader:
    def rows(self) -> Iterator[dict]:
        from .formats import csv_rows
        return csv_rows(self)

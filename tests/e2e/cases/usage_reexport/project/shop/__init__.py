"""A package whose API is re-exported by its __init__."""
from .db import Database
from .report import render

__all__ = ["Database", "render"]

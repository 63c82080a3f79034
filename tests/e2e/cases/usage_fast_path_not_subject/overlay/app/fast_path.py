"""The fast path (hand-made here): the hot path's module-level imports."""
import json
import textwrap

__all__ = ["json", "textwrap"]

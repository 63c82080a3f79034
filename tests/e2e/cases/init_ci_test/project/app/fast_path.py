"""A real fast path: two light imports."""

import json  # Tier 1
import time  # Tier 1

__all__ = ["json", "time"]

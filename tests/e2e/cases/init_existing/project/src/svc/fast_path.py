"""Fast path of svc: reviewed by the team (lmms init must not overwrite it)."""

# Tier 1: Lightweight (<5ms)
import json  # 1.1ms, every request - PROFILED 2025-06-01

__all__ = ["json"]

# HISTORY:
# 2025-06-01: Initial file, 1 import

"""Fast path: the only module-level imports of the entry's cold start.

ONLY modules meeting these criteria belong here (LMMS-DEC-04, LMMS-03):
- import time < 2 ms (Tier 1), OR
- used on > 80% of invocations (Tier 2: hot path; > 15 ms is a documented exception)

Last profiled: never (run `lmms profile`, `lmms usage`, then `lmms fastpath`)
Target: fast path imports < 200 ms, fewer than 20 imports

REVIEW REQUIRED for any change to this file!
"""

# Tier 1: Lightweight (<2ms)

# Tier 2: Hot path exceptions (>2ms but >80% usage)

__all__ = []

# HISTORY:
# 2026-11-30: Created by lmms init

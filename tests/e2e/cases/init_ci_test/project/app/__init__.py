# A heavy package __init__: the generated test imports it before timing the
# fast path, so these 250 ms are not charged to the fast path's budget.
import time

time.sleep(0.25)

"""An innocent name hiding a heavy chain."""
import time

from app import _chain

time.sleep(0.030)


def money(amount):
    return _chain.scale(amount)

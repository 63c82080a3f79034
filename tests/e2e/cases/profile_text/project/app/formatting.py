"""An innocent name hiding a heavy chain."""
from app import _chain


def money(amount):
    return _chain.scale(amount)

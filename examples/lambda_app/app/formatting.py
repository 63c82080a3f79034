"""Money and percentage formatting helpers shared by several handlers.

Innocent name, heavy dependency: the rounding and percentile maths use numpy,
so importing this module pulls in numpy at start-up.
"""
import numpy as np


def round_money(amount):
    """Round to cents with numpy's half-to-even rule (banker's rounding)."""
    return float(np.round(float(amount), 2))


def money(amount, currency="EUR"):
    """Format an amount as e.g. ``"EUR 1,234.50"``."""
    return f"{currency} {round_money(amount):,.2f}"


def total(amounts):
    """Sum an iterable of amounts and round the result to cents."""
    return round_money(np.sum(np.fromiter(amounts, dtype=float)))


def percent(part, whole):
    """Format ``part / whole`` as a percentage with one decimal, e.g. ``"12.5%"``."""
    if not whole:
        return "0.0%"
    return f"{float(np.round(100.0 * part / whole, 1)):.1f}%"


def percentile(amounts, q):
    """Return the q-th percentile of ``amounts`` (0.0 for an empty sequence)."""
    values = np.asarray(amounts, dtype=float)
    if values.size == 0:
        return 0.0
    return round_money(np.percentile(values, q))

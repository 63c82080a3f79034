"""The package re-exports its report function: public API, listed in __all__."""
from app.shop.report import render_report

__all__ = ["describe", "render_report"]


def describe():
    return "shop"

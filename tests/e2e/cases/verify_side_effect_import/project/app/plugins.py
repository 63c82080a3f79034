"""Importing this module registers the actions (a side effect, TRAPS.md)."""
from app.registry import register


@register("get")
def get(event):
    return {"item": event.get("item")}


@register("list")
def list_all(event):
    return {"items": ["apple", "pear"]}

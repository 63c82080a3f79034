"""Runtime settings: built-in defaults, replaced from settings.yaml on demand.

The YAML file is only parsed when a "reload-config" scheduled event arrives,
so a settings change can be picked up by a warm container without a redeploy.
"""
import copy
from pathlib import Path

import yaml

SETTINGS_PATH = Path(__file__).with_name("settings.yaml")

DEFAULTS = {
    "currency": "EUR",
    "audit_table": "lambda-app-audit",
    "orders_table": "lambda-app-orders",
    "partner": {"base_url": "https://partner.example", "timeout_seconds": 3.5},
    "broadcast": {"fragment_bytes": 96},
    "report": {"percentile": 95},
}

_current = copy.deepcopy(DEFAULTS)


def settings():
    """Return the active settings (treat as read-only)."""
    return _current


def _merge(base, override, prefix=""):
    """Overlay ``override`` on ``base``; reject unknown keys and wrong types."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        name = prefix + key
        if key not in base:
            raise ValueError(f"unknown setting {name!r}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ValueError(f"setting {name!r} must be a mapping")
            merged[key] = _merge(base[key], value, name + ".")
        elif isinstance(base[key], (int, float)) and isinstance(value, (int, float)):
            merged[key] = value
        elif type(value) is not type(base[key]):
            raise ValueError(f"setting {name!r} must be {type(base[key]).__name__}")
        else:
            merged[key] = value
    return merged


def _flatten(tree, prefix=""):
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _flatten(value, prefix + key + ".")
        else:
            yield prefix + key, value


def reload(path=SETTINGS_PATH):
    """Parse ``path`` with yaml.safe_load, validate it and make it active.

    Returns the sorted list of dotted setting names whose value changed.
    """
    global _current
    loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    if not isinstance(loaded, dict):
        raise ValueError("settings file must contain a mapping")
    fresh = _merge(DEFAULTS, loaded)
    before = dict(_flatten(_current))
    changed = sorted(k for k, v in _flatten(fresh) if before.get(k) != v)
    _current = fresh
    return changed

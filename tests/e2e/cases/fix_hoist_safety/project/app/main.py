"""Function-level imports that must stay where they are, and an import no function reads."""
import sys

import heavytwo  # noqa: F401  (read by no function here: a side-effect import until proven otherwise)
import lightlib


def main():
    return "the module's own main"


def _windows_version():
    # Windows only: on Linux this import fails, so the workload never saw it succeed.
    from sys import getwindowsversion

    return getwindowsversion()


def run_core(event):
    # Hoisting would overwrite the module's own main().
    from app.core import main

    return main(event)


def guarded(event):
    try:
        import lightlib
    except ImportError:
        return None
    return lightlib.value(event["n"])


def tagged(event):
    # app.peer imports this module at module level: hoisting would close a cycle.
    from app import peer

    return peer.tag(event["n"])


def handler(event, context):
    if sys.platform == "win32":
        return {"windows": _windows_version()}
    return {"core": run_core(event), "guarded": guarded(event), "tag": tagged(event), "own": main(),
            "light": lightlib.value(0)}

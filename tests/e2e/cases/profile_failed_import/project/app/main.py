# A portable module tries a platform module first (as `msvcrt` on Linux):
# -X importtime lists the attempt, but nothing is loaded.
try:
    import _lmms_no_such_module as console
except ImportError:
    console = None

from app import terminal


def handler(event, context):
    return terminal.width(console)

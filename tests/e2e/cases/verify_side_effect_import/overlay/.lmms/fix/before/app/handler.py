"""Before the edit: the plugins register themselves when imported."""
import app.plugins  # noqa: F401  (registers the actions)
from app.registry import HANDLERS


def handler(event, context):
    action = HANDLERS.get(event["action"])
    if action is None:
        raise KeyError("no handler for %r" % event["action"])
    return action(event)

"""After a naive edit: `import app.plugins` looked unused and was removed."""
from app.registry import HANDLERS


def handler(event, context):
    action = HANDLERS.get(event["action"])
    if action is None:
        raise KeyError("no handler for %r" % event["action"])
    return action(event)

from app.fast_path import *  # noqa: F403


def handler(event, context):
    return json.dumps({"at": time.time(), "event": event})  # noqa: F405

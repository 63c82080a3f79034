from svc.fast_path import *  # noqa: F403


def handler(event, context):
    return json.dumps(event)  # noqa: F405

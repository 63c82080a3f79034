import json

import noisylib


def handler(event, context):
    if event["kind"] == "report":
        return noisylib.report(event["n"])
    return json.dumps(event)

import json
import uuid

import quietlib


def handler(event, context):
    if event["kind"] == "report":
        return quietlib.report(event["n"])
    return json.dumps({"event": event, "request": str(uuid.uuid4())})

import json
import time


def handler(event, context):
    if event["action"] == "hang":
        time.sleep(600)
    return json.dumps(event)

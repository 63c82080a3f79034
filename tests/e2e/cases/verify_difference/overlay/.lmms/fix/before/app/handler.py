"""Before the change: "list" printed another line and returned another status."""
import json


def handler(event, context):
    print("handling", event["action"])
    if event["action"] == "list":
        print("listing everything")
        return {"status": 204, "body": json.dumps({"item": None, "id": context.aws_request_id})}
    if event["action"] == "fail":
        raise ValueError("no such item: %s" % event.get("item"))
    return {"status": 200, "body": json.dumps({"item": event.get("item"), "id": context.aws_request_id})}

"""A tiny handler: after `lmms fix`, its json import moved into the function."""


def handler(event, context):
    import json

    print("handling", event["action"])
    if event["action"] == "fail":
        raise ValueError("no such item: %s" % event.get("item"))
    return {"status": 200, "body": json.dumps({"item": event.get("item"), "id": context.aws_request_id})}

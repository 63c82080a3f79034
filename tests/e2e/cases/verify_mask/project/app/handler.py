"""Prints and returns the time: only masks make two runs compare equal."""
import time


def handler(event, context):
    import datetime

    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="microseconds")
    print("handled", event["action"], "at", now)
    return {"status": 200, "headers": {"Date": now}, "body": '{"request_id": "%s", "item": "%s"}' % (time.monotonic_ns(), event.get("item"))}

"""Lambda entry point: route an incoming event by its shape to the right handler.

Supported shapes (as AWS delivers them):

* S3 ObjectCreated notification      -> head the object, write an audit record
* DynamoDB stream INSERT / MODIFY    -> update the order projection, audit
* API Gateway REST ``GET /orders/{id}`` -> fetch from the partner API, audit
* API Gateway WebSocket ``broadcast`` -> encode WebSocket frames, audit
* EventBridge scheduled events       -> daily report / config reload / ping

Every import below happens at cold start, whichever kind of event arrives:
this is the un-optimised "before" state that LMMS is meant to analyse.
"""
import json
import re
from datetime import datetime, timezone
from urllib.parse import unquote_plus

from app import config_loader, formatting, notify, reports, storage, stream

_ORDER_PATH = re.compile(r"^/orders/([A-Za-z0-9-]+)$")
_SCHEDULED_TASKS = ("daily-report", "reload-config", "ping")


def _response(status, payload):
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(payload, sort_keys=True),
    }


def _iso_from_epoch(seconds):
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def classify(event):
    """Return the kind of ``event`` (see ``ROUTES``), or ``"unknown"``."""
    if not isinstance(event, dict):
        return "unknown"
    records = event.get("Records")
    if isinstance(records, list) and records and all(isinstance(r, dict) for r in records):
        sources = {r.get("eventSource") for r in records}
        if sources == {"aws:s3"}:
            return "s3-object-created"
        if sources == {"aws:dynamodb"}:
            return "dynamodb-stream"
        return "unknown"
    context = event.get("requestContext")
    if "httpMethod" in event and isinstance(context, dict):
        return "api-get-order"
    if isinstance(context, dict) and "connectionId" in context:
        return "websocket-broadcast" if context.get("routeKey") == "broadcast" else "unknown"
    if event.get("source") == "aws.events" and event.get("detail-type") == "Scheduled Event":
        task = (event.get("detail") or {}).get("task")
        return f"scheduled-{task}" if task in _SCHEDULED_TASKS else "unknown"
    return "unknown"


def on_s3_object_created(event):
    """Look up each new object's metadata and audit the upload."""
    objects = []
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])
        meta = storage.head_object(bucket, key)
        storage.audit("s3-object", f"s3://{bucket}/{key}", record["eventTime"][:19] + "Z")
        objects.append(dict(meta, bucket=bucket, key=key, size=record["s3"]["object"]["size"]))
    return _response(200, {"objects": objects})


def on_dynamodb_stream(event):
    """Project inserted / modified orders and audit each change."""
    currency = config_loader.settings()["currency"]
    changes = []
    for record in event["Records"]:
        if record["eventName"] not in ("INSERT", "MODIFY"):
            continue
        order = storage.from_dynamodb_image(record["dynamodb"]["NewImage"])
        applied, previous = storage.project_order(order, is_update=record["eventName"] == "MODIFY")
        at = _iso_from_epoch(record["dynamodb"]["ApproximateCreationDateTime"])
        storage.audit("order-change", order["order_id"], at, order["amount"])
        changes.append({
            "order_id": order["order_id"],
            "applied": applied,
            "status": f"{previous or 'NEW'} -> {order['status']}",
            "amount": formatting.money(order["amount"], currency),
        })
    return _response(200, {"changes": changes})


def on_api_get_order(event):
    """Serve ``GET /orders/{id}`` from the partner API and audit the lookup."""
    match = _ORDER_PATH.match(event.get("path") or "")
    if match is None:
        return _response(404, {"error": "no such route"})
    if event["httpMethod"] != "GET":
        return _response(405, {"error": "method not allowed"})
    order_id = match.group(1)
    at = _iso_from_epoch(event["requestContext"]["requestTimeEpoch"] / 1000)
    try:
        order = notify.fetch_order(order_id)
    except notify.OrderNotFound:
        storage.audit("order-lookup", order_id, at)
        return _response(404, {"error": "order not found", "order_id": order_id})
    total = formatting.total(line["qty"] * line["unit_price"] for line in order["lines"])
    storage.audit("order-lookup", order_id, at, total)
    return _response(200, {
        "order_id": order_id,
        "customer": order["customer"],
        "status": order["status"],
        "items": sum(line["qty"] for line in order["lines"]),
        "total": formatting.money(total, config_loader.settings()["currency"]),
    })


def on_websocket_broadcast(event):
    """Encode the message as WebSocket frames for the relay and audit it."""
    context = event["requestContext"]
    message = json.loads(event["body"])
    result = stream.broadcast(message["channel"], message["message"], context["connectionId"])
    at = _iso_from_epoch(context["requestTimeEpoch"] / 1000)
    storage.audit("ws-broadcast", context["connectionId"], at)
    return _response(200, result)


def on_daily_report(event):
    """Build the CSV activity report for the day of the scheduled event."""
    cfg = config_loader.settings()
    day = event["time"][:10]
    count, csv_text = reports.daily_report(
        storage.audit_records(), day, cfg["report"]["percentile"], cfg["currency"]
    )
    return _response(200, {"day": day, "events": count, "csv": csv_text})


def on_reload_config(event):
    """Re-read settings.yaml and report which settings changed."""
    return _response(200, {"reloaded_at": event["time"], "changed": config_loader.reload()})


def on_ping(event):
    """Keep-warm ping: no work at all."""
    return _response(200, {"pong": event["time"]})


ROUTES = {
    "s3-object-created": on_s3_object_created,
    "dynamodb-stream": on_dynamodb_stream,
    "api-get-order": on_api_get_order,
    "websocket-broadcast": on_websocket_broadcast,
    "scheduled-daily-report": on_daily_report,
    "scheduled-reload-config": on_reload_config,
    "scheduled-ping": on_ping,
}


def handler(event, context):
    """AWS Lambda entry point; never raises for unknown or malformed events."""
    kind = classify(event)
    route = ROUTES.get(kind)
    if route is None:
        return _response(400, {"error": "unsupported event shape"})
    try:
        return route(event)
    except (KeyError, TypeError, ValueError) as exc:
        return _response(400, {"error": f"malformed {kind} event", "detail": repr(exc)})

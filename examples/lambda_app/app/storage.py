"""AWS storage: S3 object metadata, the DynamoDB order projection and the audit trail.

The clients are built at import time (the usual Lambda pattern) with dummy
credentials and an endpoint that cannot be reached. Every request is answered
in-process by a ``before-send`` hook with canned wire responses, which botocore
then parses exactly as it would parse real S3 / DynamoDB replies.
"""
import hashlib
import json
from decimal import Decimal
from urllib.parse import unquote, urlsplit

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from app import config_loader

STUB_ENDPOINT = "http://aws-stub.invalid:4566"
_CLIENT_ARGS = dict(
    region_name="eu-west-1",
    endpoint_url=STUB_ENDPOINT,
    aws_access_key_id="testing",
    aws_secret_access_key="testing",
    config=Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"}),
)

s3 = boto3.client("s3", **_CLIENT_ARGS)
dynamodb = boto3.client("dynamodb", **_CLIENT_ARGS)

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()

# Audit records written by this container, kept for the daily report.
_audit_log = []


class _Body:
    """Minimal raw body: botocore reads responses through ``raw.stream()``."""

    def __init__(self, data):
        self._data = data

    def stream(self, **_kwargs):
        yield self._data


def _digest(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def _canned_s3(operation, request):
    if operation != "HeadObject":
        raise RuntimeError(f"no canned S3 response for {operation}")
    key = unquote(urlsplit(request.url).path)
    etag = _digest(key)
    content_type = "application/pdf" if key.endswith(".pdf") else "text/csv"
    headers = {
        "ETag": f'"{etag}"',
        "Content-Type": content_type,
        "Content-Length": str(int(etag[:5], 16)),
        "Last-Modified": "Mon, 04 Mar 2024 06:00:00 GMT",
        "x-amz-request-id": etag[:16].upper(),
    }
    return 200, headers, b""


def _canned_dynamodb(operation, request):
    payload = json.loads(request.body)
    if operation == "PutItem":
        body = {}
    elif operation == "GetItem":
        # The stored projection is always the first, still pending, version.
        body = {"Item": dict(payload["Key"], status={"S": "PENDING"}, version={"N": "1"})}
    else:
        raise RuntimeError(f"no canned DynamoDB response for {operation}")
    data = json.dumps(body, sort_keys=True).encode("utf-8")
    headers = {
        "Content-Type": "application/x-amz-json-1.0",
        "x-amzn-RequestId": _digest(request.body.decode("utf-8"))[:20].upper(),
    }
    return 200, headers, data


_CANNED = {"s3": _canned_s3, "dynamodb": _canned_dynamodb}


def _answer_in_process(request, event_name, **_kwargs):
    """``before-send`` hook: return a canned AWSResponse instead of sending."""
    _, service, operation = event_name.split(".")
    status, headers, data = _CANNED[service](operation, request)
    return AWSResponse(request.url, status, headers, _Body(data))


for _client in (s3, dynamodb):
    _client.meta.events.register("before-send", _answer_in_process)


def head_object(bucket, key):
    """Return content type and ETag of an S3 object."""
    meta = s3.head_object(Bucket=bucket, Key=key)
    return {"content_type": meta["ContentType"], "etag": meta["ETag"].strip('"')}


def _to_item(values):
    return {
        name: _serializer.serialize(Decimal(str(v)) if isinstance(v, float) else v)
        for name, v in values.items()
    }


def from_dynamodb_image(image):
    """Convert a DynamoDB-JSON image (as found in stream records) to plain values."""
    return {name: _deserializer.deserialize(value) for name, value in image.items()}


def project_order(order, is_update):
    """Upsert an order into the projection table, ignoring stale updates.

    Returns ``(applied, previous_status)``.
    """
    table = config_loader.settings()["orders_table"]
    previous_status = None
    if is_update:
        stored = dynamodb.get_item(
            TableName=table, Key=_to_item({"order_id": order["order_id"]})
        )["Item"]
        current = from_dynamodb_image(stored)
        if current["version"] >= order["version"]:
            return False, current["status"]
        previous_status = current["status"]
    dynamodb.put_item(TableName=table, Item=_to_item(order))
    return True, previous_status


def audit(kind, ref, at, amount=0.0):
    """Write one audit record to DynamoDB and remember it for the daily report."""
    record = {"kind": kind, "ref": ref, "at": at, "amount": float(amount)}
    item = _to_item(dict(record, pk=f"{kind}#{ref}#{at}"))
    dynamodb.put_item(TableName=config_loader.settings()["audit_table"], Item=item)
    _audit_log.append(record)


def audit_records():
    """Return a copy of the audit records written by this container."""
    return list(_audit_log)

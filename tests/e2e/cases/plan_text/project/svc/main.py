"""A small handler: most events are saved, a few are archived, exported or mailed."""
import json
import re

from svc import archive, export, mail, store

_KIND = re.compile(r"^[a-z]+$")


def handler(event, context):
    kind = event.get("kind", "")
    if not _KIND.match(kind):
        return {"status": 400}
    store.record(kind)
    if kind == "archive":
        return {"status": 200, "bytes": archive.pack(event["files"])}
    if kind == "export":
        return {"status": 200, "bytes": export.to_zip(event["rows"])}
    if kind == "mail":
        return {"status": 200, "message": mail.send(event["to"], event["text"])}
    return {"status": 200, "saved": store.save(json.dumps(event, sort_keys=True))}

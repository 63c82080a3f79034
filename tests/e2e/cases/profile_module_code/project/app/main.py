# Module-level code that is not an import: a table built in a loop and a
# context made at import time. The imports are -X importtime's, not theirs.
import time

from app import settings

TABLE = {}
for name in ("a", "b", "c"):
    time.sleep(0.010)
    TABLE[name] = len(name)


def handler(event, context):
    return settings.CONTEXT, TABLE

"""Replay events through the Lambda handler locally: run_events.py [events.jsonl]."""
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from app.handler import classify, handler  # noqa: E402  (needs the sys.path entry above)


class FakeContext:
    """The few Lambda context attributes a handler typically reads."""

    function_name = "lambda-app"
    function_version = "$LATEST"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:lambda-app"

    def __init__(self, number):
        self.aws_request_id = f"local-{number:05d}"

    def get_remaining_time_in_millis(self):
        return 30_000


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else HERE / "events.jsonl"
    statuses = defaultdict(Counter)
    ok = failed = 0
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for number, line in enumerate(lines, 1):
        event = json.loads(line)
        kind = classify(event)
        try:
            status = handler(event, FakeContext(number))["statusCode"]
        except Exception as exc:  # report and keep going, like a Lambda retry would
            print(f"event {number} ({kind}) failed: {exc!r}")
            statuses[kind]["error"] += 1
            failed += 1
            continue
        statuses[kind][status] += 1
        if status == 400 or status >= 500:  # 400: the handler rejected the event
            failed += 1
        else:
            ok += 1
    for kind in sorted(statuses):
        codes = " ".join(f"{code}x{n}" for code, n in sorted(statuses[kind].items(), key=str))
        print(f"{kind:<24} {sum(statuses[kind].values()):>3} events  status {codes}")
    print(f"{len(lines)} events, {ok} ok, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""validate: check an incoming delivery file before it is booked in."""
import json
from pathlib import Path

from stockroom import catalog, schemas
from stockroom.registry import CommandError, arg, command


@command("validate", "check a delivery file (JSON rows)",
         [arg("file"), arg("--strict", action="store_true", help="exit 1 when a row is rejected")])
def validate(args):
    try:
        rows = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"cannot read {args.file}: {error}") from None
    known = {item.sku for item in catalog.load()}
    rejected = 0
    for index, row, messages in schemas.check(rows):
        if row is not None and row.sku in known:
            messages = [f"sku: {row.sku} is already stocked"]
        if messages:
            rejected += 1
            print(f"row {index}: rejected")
            for message in messages:
                print(f"  {message}")
        else:
            print(f"row {index}: ok  {row.sku} {row.name} x{row.quantity} @ {catalog.money(row.unit_price)}")
    print(f"{len(rows) - rejected} of {len(rows)} rows accepted")
    return 1 if args.strict and rejected else 0

"""The stock catalogue: items.json bundled with the package, read with the stdlib."""
import json
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "items.json"


class StockItem:
    __slots__ = ("sku", "name", "category", "quantity", "unit_price", "location")

    def __init__(self, sku, name, category, quantity, unit_price, location):
        self.sku = sku
        self.name = name
        self.category = category
        self.quantity = int(quantity)
        self.unit_price = Decimal(unit_price)
        self.location = location

    @property
    def value(self):
        return self.unit_price * self.quantity

    def as_dict(self):
        return {
            "sku": self.sku,
            "name": self.name,
            "category": self.category,
            "quantity": self.quantity,
            "unit_price": str(self.unit_price),
            "location": self.location,
        }


def load(path=DATA):
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    return [StockItem(**row) for row in document["items"]]


def warehouse(path=DATA):
    return json.loads(Path(path).read_text(encoding="utf-8"))["warehouse"]


def by_sku(items, sku):
    for item in items:
        if item.sku == sku.upper():
            return item
    return None


def money(amount):
    return f"£{Decimal(amount).quantize(Decimal('0.01')):,}"


def table(rows, headers):
    widths = [max(len(str(v)) for v in column) for column in zip(headers, *rows)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(row, widths)))
    return "\n".join(lines)

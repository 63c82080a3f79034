"""What a client may send: pydantic models. Their annotations are read at runtime by
pydantic, so the names in them (date, Decimal) are real uses, future import or not."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ValidationError, validator

__all__ = ["OrderLine", "OrderRequest", "ValidationError", "problems"]

_ISBN = re.compile(r"97[89]\d{10}")
OPENING_DAY = date(2024, 3, 1)


class OrderLine(BaseModel):
    isbn: str
    quantity: int = 1

    @validator("isbn")
    def isbn13(cls, value: str) -> str:
        value = value.replace("-", "")
        if not _ISBN.fullmatch(value):
            raise ValueError("not an ISBN-13")
        digits = [int(c) for c in value]
        if sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10:
            raise ValueError("ISBN-13 check digit is wrong")
        return value

    @validator("quantity")
    def at_least_one(cls, value: int) -> int:
        if not 1 <= value <= 20:
            raise ValueError("between 1 and 20 copies")
        return value


class OrderRequest(BaseModel):
    customer: str
    deliver_on: date
    lines: list[OrderLine]
    gift_wrap: bool = False
    voucher: Decimal | None = None

    @validator("deliver_on")
    def not_before_opening(cls, value: date) -> date:
        if value < OPENING_DAY:
            raise ValueError(f"we deliver from {OPENING_DAY.isoformat()}")
        return value

    @validator("lines")
    def not_empty(cls, value: list[OrderLine]) -> list[OrderLine]:
        if not value:
            raise ValueError("an order needs a line")
        return value


def problems(error: ValidationError) -> list[dict[str, str]]:
    return [{"field": ".".join(map(str, e["loc"])), "message": e["msg"]} for e in error.errors()]

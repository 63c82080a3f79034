"""Validation of incoming deliveries: pydantic models with validators."""
import re
from decimal import Decimal

from pydantic import BaseModel, ValidationError, validator

CATEGORIES = ("audio", "cables", "displays", "input", "storage")
_SKU = re.compile(r"SKU-\d{4}")
_LOCATION = re.compile(r"[A-D]-(0[1-9]|1[0-2])")


class DeliveryRow(BaseModel):
    sku: str
    name: str
    category: str
    quantity: int
    unit_price: Decimal
    location: str

    @validator("sku")
    def sku_format(cls, value):
        if not _SKU.fullmatch(value):
            raise ValueError("must look like SKU-0000")
        return value

    @validator("name")
    def name_present(cls, value):
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @validator("category")
    def known_category(cls, value):
        if value not in CATEGORIES:
            raise ValueError(f"unknown category (one of {', '.join(CATEGORIES)})")
        return value

    @validator("quantity")
    def positive(cls, value):
        if value <= 0:
            raise ValueError("must be at least 1")
        return value

    @validator("location")
    def shelf(cls, value):
        if not _LOCATION.fullmatch(value):
            raise ValueError("no such shelf (A-01 to D-12)")
        return value


def check(rows):
    """Each row's (index, DeliveryRow or None, [messages])."""
    results = []
    for index, row in enumerate(rows, 1):
        try:
            results.append((index, DeliveryRow(**row), []))
        except ValidationError as error:
            messages = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()]
            results.append((index, None, messages))
    return results

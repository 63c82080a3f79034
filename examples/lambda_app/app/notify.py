"""Partner order API client (requests), answered by an in-process transport.

The module-level session mounts ``PartnerStubAdapter`` for the partner's base
URL, so ``session.get`` goes through the full requests machinery (request
preparation, hooks, status checks, JSON decoding) without opening a socket.
"""
import io
import json

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from app import config_loader

PARTNER_URL = "https://partner.example/"

# Canned partner catalogue: order id -> (customer, status, [(sku, qty, unit price)]).
_PARTNER_ORDERS = {
    "ord-1001": ("cust-17", "SHIPPED", [("SKU-LAMP", 2, 24.90), ("SKU-BULB", 6, 3.15)]),
    "ord-1002": ("cust-04", "PAID", [("SKU-DESK", 1, 249.00)]),
    "ord-1003": ("cust-17", "PENDING", [("SKU-CHAIR", 4, 89.95), ("SKU-MAT", 4, 19.99)]),
    "ord-1004": ("cust-22", "PAID", [("SKU-CABLE", 10, 4.49)]),
    "ord-1005": ("cust-09", "CANCELLED", [("SKU-SHELF", 3, 54.50)]),
    "ord-1006": ("cust-04", "SHIPPED", [("SKU-LAMP", 1, 24.90), ("SKU-DESK", 1, 249.00)]),
    "ord-1007": ("cust-31", "PAID", [("SKU-BULB", 24, 3.15)]),
    "ord-1008": ("cust-22", "PENDING", [("SKU-MONITOR", 2, 189.00), ("SKU-CABLE", 2, 4.49)]),
}


class PartnerStubAdapter(BaseAdapter):
    """Transport adapter that serves the canned partner catalogue as JSON."""

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        order_id = request.path_url.rstrip("/").rsplit("/", 1)[-1]
        if request.method == "GET" and order_id in _PARTNER_ORDERS:
            customer, status, lines = _PARTNER_ORDERS[order_id]
            payload = {
                "order_id": order_id,
                "customer": customer,
                "status": status,
                "lines": [{"sku": s, "qty": q, "unit_price": p} for s, q, p in lines],
            }
            code, reason = 200, "OK"
        else:
            payload = {"error": "order not found", "order_id": order_id}
            code, reason = 404, "Not Found"
        body = json.dumps(payload, sort_keys=True).encode("utf-8")

        response = requests.Response()
        response.status_code = code
        response.reason = reason
        response.headers = CaseInsensitiveDict(
            {"Content-Type": "application/json; charset=utf-8", "Content-Length": str(len(body))}
        )
        response.encoding = "utf-8"
        response.raw = io.BytesIO(body)
        response._content = body
        response.url = request.url
        response.request = request
        response.connection = self
        return response

    def close(self):
        """Nothing to release: no connections are ever opened."""


session = requests.Session()
session.trust_env = False  # ignore proxy / netrc settings from the environment
session.headers.update({"Accept": "application/json", "User-Agent": "lambda-app/0.1.0"})
session.mount(PARTNER_URL, PartnerStubAdapter())


class OrderNotFound(Exception):
    """The partner API does not know the requested order."""


def fetch_order(order_id):
    """GET an order from the partner API; raise OrderNotFound on 404."""
    partner = config_loader.settings()["partner"]
    resp = session.get(
        f"{partner['base_url']}/orders/{order_id}", timeout=partner["timeout_seconds"]
    )
    if resp.status_code == 404:
        raise OrderNotFound(order_id)
    resp.raise_for_status()
    return resp.json()

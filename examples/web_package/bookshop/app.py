"""The WSGI application: a routing table of handlers, each request -> (status, headers, body)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

import jinja2
from pydantic import BaseModel

from bookshop import formats, models, render
from bookshop.store import Store

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from wsgiref.types import StartResponse, WSGIEnvironment

STATUS = {200: "200 OK", 201: "201 Created", 404: "404 Not Found", 405: "405 Method Not Allowed",
          406: "406 Not Acceptable", 409: "409 Conflict", 422: "422 Unprocessable Entity"}

STORE = Store.load()


class Request:
    def __init__(self, environ: WSGIEnvironment):
        self.method = environ["REQUEST_METHOD"]
        self.path = environ.get("PATH_INFO", "/")
        self.query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        self.accept = environ.get("HTTP_ACCEPT", "*/*")
        self.accept_encoding = environ.get("HTTP_ACCEPT_ENCODING", "")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        self.body = environ["wsgi.input"].read(length) if length else b""

    @property
    def wants_html(self) -> bool:
        return "text/html" in self.accept


def document(status: int, payload: object, fmt: str = "json") -> tuple[int, str, str]:
    return status, formats.MEDIA_TYPES[fmt], formats.encode(payload, fmt)


def html(status: int, text: str) -> tuple[int, str, str]:
    return status, "text/html; charset=utf-8", text


def validated(model: type[BaseModel], raw: bytes) -> BaseModel:
    return model.parse_raw(raw)


def health(request: Request) -> tuple[int, str, str]:
    return document(200, {"status": "ok", "books": len(STORE.books), "orders": len(STORE.orders)})


def list_books(request: Request) -> tuple[int, str, str]:
    fmt = request.query.get("format", "json")
    if fmt not in formats.MEDIA_TYPES:
        return document(406, {"error": f"format {fmt} not available", "formats": sorted(formats.MEDIA_TYPES)})
    books = [b.as_json() for b in STORE.search(request.query.get("author"))]
    return document(200, {"count": len(books), "books": books}, fmt)


def get_book(request: Request, isbn: str) -> tuple[int, str, str]:
    book = STORE.books.get(isbn)
    if book is None:
        return document(404, {"error": f"no book {isbn}"})
    page: jinja2.Template | None = None  # HTML for browsers, JSON for everyone else
    if request.wants_html:
        page = render.ENV.get_template("book.html")
        return html(200, page.render(book=book))
    return document(200, book.as_json())


def place_order(request: Request) -> tuple[int, str, str]:
    try:
        order = validated(models.OrderRequest, request.body)
    except models.ValidationError as error:
        return document(422, {"error": "invalid order", "problems": models.problems(error)})
    try:
        order_id, total = STORE.place(order)
    except LookupError as error:
        return document(404, {"error": str(error).strip("'\"")})
    except ValueError as error:
        return document(409, {"error": str(error)})
    return document(201, {"order_id": order_id, "total": str(total)})


def get_order(request: Request, order_id: str) -> tuple[int, str, str]:
    order = STORE.orders.get(order_id)
    return document(200, order) if order else document(404, {"error": f"no order {order_id}"})


def sales_report(request: Request) -> tuple[int, str, str]:
    orders = [STORE.orders[k] for k in sorted(STORE.orders)]
    total = sum(float(o["total"]) for o in orders)
    return html(200, render.render_page("report.html", orders=orders, total=f"{total:.2f}"))


ROUTES: list[tuple[str, re.Pattern[str], Callable[..., tuple[int, str, str]]]] = [
    ("GET", re.compile(r"/health"), health),
    ("GET", re.compile(r"/books"), list_books),
    ("GET", re.compile(r"/books/(\d{13})"), get_book),
    ("POST", re.compile(r"/orders"), place_order),
    ("GET", re.compile(r"/orders/(ORD-\d{4})"), get_order),
    ("GET", re.compile(r"/report"), sales_report),
]


def route(request: Request) -> tuple[int, str, str]:
    allowed = []
    for method, pattern, handler in ROUTES:
        match = pattern.fullmatch(request.path)
        if match and method == request.method:
            return handler(request, *match.groups())
        if match:
            allowed.append(method)
    if allowed:
        return document(405, {"error": f"{request.method} not allowed", "allow": allowed})
    return document(404, {"error": f"no route {request.path}"})


def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
    request = Request(environ)
    status, content_type, text = route(request)
    body, encoding = formats.compress(text.encode("utf-8"), request.accept_encoding)
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    start_response(STATUS[status], headers)
    return [body]

"""The catalogue and the orders, in memory (the catalogue from data/books.json)."""
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "books.json"


@dataclass(frozen=True)
class Book:
    isbn: str
    title: str
    author: str
    price: Decimal
    stock: int

    def as_json(self):
        return {"isbn": self.isbn, "title": self.title, "author": self.author,
                "price": str(self.price), "stock": self.stock}


class Store:
    def __init__(self, books):
        self.books = {book.isbn: book for book in books}
        self.orders = {}

    @classmethod
    def load(cls, path=DATA):
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(Book(r["isbn"], r["title"], r["author"], Decimal(r["price"]), r["stock"]) for r in rows)

    def search(self, author=None):
        books = sorted(self.books.values(), key=lambda b: (b.author, b.title))
        if author:
            books = [b for b in books if author.lower() in b.author.lower()]
        return books

    def place(self, order):
        """Book the order's lines; (order id, total) or raise LookupError / ValueError."""
        total = Decimal("0")
        for line in order.lines:
            book = self.books.get(line.isbn)
            if book is None:
                raise LookupError(f"no book {line.isbn}")
            if book.stock < line.quantity:
                raise ValueError(f"only {book.stock} of {book.title!r} in stock")
            total += book.price * line.quantity
        for line in order.lines:
            book = self.books[line.isbn]
            self.books[line.isbn] = Book(book.isbn, book.title, book.author, book.price,
                                         book.stock - line.quantity)
        order_id = f"ORD-{len(self.orders) + 1:04d}"
        self.orders[order_id] = {"order_id": order_id, "customer": order.customer,
                                 "deliver_on": order.deliver_on.isoformat(), "total": str(total),
                                 "lines": [{"isbn": l.isbn, "quantity": l.quantity} for l in order.lines]}
        return order_id, total

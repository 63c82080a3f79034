"""bookshop: a small WSGI book shop. `bookshop.application` is the WSGI callable."""
from bookshop.app import application
from bookshop.models import OrderLine, OrderRequest
from bookshop.render import render_page
from bookshop.store import Book, Store

__version__ = "2.3.1"
__all__ = ["Book", "OrderLine", "OrderRequest", "Store", "application", "render_page", "__version__"]

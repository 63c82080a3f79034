"""The web package re-exports its WSGI application."""
from .wsgi import application

__all__ = ["application"]

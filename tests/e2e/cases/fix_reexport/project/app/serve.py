"""Imported at cold start and used by most commands: its module-level from-import reads app.web's
re-export while importing."""
from app.web import application

HANDLERS = {"wsgi": application}


def serve(n):
    return HANDLERS["wsgi"](n)

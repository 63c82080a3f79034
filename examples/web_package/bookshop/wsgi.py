"""What a WSGI server serves (`gunicorn bookshop.wsgi:application`): the app with a
request id on every response."""
import itertools

from bookshop import __version__, application as _bookshop

_ids = itertools.count(1)


def application(environ, start_response):
    request_id = f"req-{next(_ids):06d}"

    def with_id(status, headers, exc_info=None):
        headers = headers + [("X-Request-Id", request_id), ("Server", f"bookshop/{__version__}")]
        return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

    return _bookshop(environ, with_id)

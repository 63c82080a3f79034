import decimal

from app.main import handler


def test_handler():
    assert handler({}, None) == "{}"

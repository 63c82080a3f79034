"""A stand-in for a plotting library that must be configured before use."""
BACKEND = "default"


def use(backend):
    global BACKEND
    BACKEND = backend


def render(text):
    return f"[{BACKEND}] {text}"

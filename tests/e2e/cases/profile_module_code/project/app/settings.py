import time


def create_default_context():
    time.sleep(0.040)
    return "context"


CONTEXT = create_default_context()
QUICK = 1

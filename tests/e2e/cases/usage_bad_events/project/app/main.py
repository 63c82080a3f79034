import os

os.write(1, b"the handler's module must not be imported: the events file is bad\n")


def handler(event, context):
    return event

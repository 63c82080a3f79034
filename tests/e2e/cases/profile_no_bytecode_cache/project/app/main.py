import json

from app import util


def handler(event):
    return json.dumps(util.shape(event))

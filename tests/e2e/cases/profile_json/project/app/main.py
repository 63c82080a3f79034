import time

from app import medium, slow
import app.formatting

time.sleep(0.020)


def handler(event, context):
    return slow.work(event) + medium.work(event) + app.formatting.money(1)

import time

time.sleep(0.100)


def scale(amount):
    return amount * 100

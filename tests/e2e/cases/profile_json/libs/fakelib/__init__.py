import time

time.sleep(0.080)


def value():
    return 1

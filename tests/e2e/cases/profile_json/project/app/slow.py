import time

import fakelib

time.sleep(0.200)


def work(event):
    return fakelib.value()

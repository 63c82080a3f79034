import time

import fakelib

time.sleep(0.050)


def work(event):
    return fakelib.value()

"""A heavy library that announces itself when imported: moving its import changes the output."""
import time

time.sleep(0.150)
print("noisylib loaded")


def report(n):
    return "report %d" % n

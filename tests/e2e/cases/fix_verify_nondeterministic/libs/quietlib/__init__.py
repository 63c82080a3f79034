"""A heavy library that takes 150 ms to import."""
import time

time.sleep(0.150)



def report(n):
    return "report %d" % n

"""A heavy module: 60 ms of work at import."""
import time

time.sleep(0.060)


class Database:
    def __init__(self, n):
        self.n = n

    def query(self):
        return "db(%d)" % self.n

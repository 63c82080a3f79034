import time

time.sleep(0.150)


def summary(values):
    return {"n": len(values), "total": sum(values)}

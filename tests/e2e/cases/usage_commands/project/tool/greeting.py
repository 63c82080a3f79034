import string


def hello(name):
    return string.capwords("hello " + name)

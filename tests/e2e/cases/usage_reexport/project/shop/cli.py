import sys

import shop
from shop import views


def create():
    return shop.Database("main").name


def listing():
    return views.page(["a", "b"])


def main():
    if sys.argv[1] == "create":
        print(create())
    else:
        print(listing())

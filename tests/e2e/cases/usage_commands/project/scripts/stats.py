import sys

from tool.__main__ import main

main(["stats"] + sys.argv[1:])

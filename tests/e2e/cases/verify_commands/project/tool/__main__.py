"""A small command-line tool; after the change `check` of a negative number exits 0."""
import sys


def main(argv):
    import argparse

    parser = argparse.ArgumentParser(prog="tool")
    parser.add_argument("command")
    parser.add_argument("value")
    args = parser.parse_args(argv)
    if args.command == "greet":
        print("hello,", args.value)
        return 0
    number = int(args.value)
    print("checked", number)
    return 0


sys.exit(main(sys.argv[1:]))

"""A small command-line tool; before the change `check` of a negative number exits 3."""
import argparse
import sys


def main(argv):
    parser = argparse.ArgumentParser(prog="tool")
    parser.add_argument("command")
    parser.add_argument("value")
    args = parser.parse_args(argv)
    if args.command == "greet":
        print("hello,", args.value)
        return 0
    number = int(args.value)
    print("checked", number)
    return 3 if number < 0 else 0


sys.exit(main(sys.argv[1:]))

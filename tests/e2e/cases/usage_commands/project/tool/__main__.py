"""A command-line tool whose import usage is known by construction
(commands.txt: 2 greet, 2 stats, 1 fail)."""
import argparse
import statistics
import sys

from tool import greeting


def main(argv=None):
    parser = argparse.ArgumentParser(prog="tool")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("greet").add_argument("--name", default="world")
    commands.add_parser("stats").add_argument("numbers", nargs="+", type=float)
    commands.add_parser("fail")
    args = parser.parse_args(argv)
    if args.command == "greet":  # greeting, and string inside it: 2 of 5
        print(greeting.hello(args.name))
    elif args.command == "stats":  # statistics: 2 of 5
        print(statistics.mean(args.numbers))
    else:
        sys.exit(3)  # sys here: 1 of 5


if __name__ == "__main__":
    main()

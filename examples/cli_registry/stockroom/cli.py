"""The command line: one parser per registered subcommand."""
import argparse
import sys

import stockroom.commands  # noqa: F401  (each module registers its subcommands)
from stockroom import __version__, registry


def build_parser():
    parser = argparse.ArgumentParser(prog="stockroom", description="Warehouse stock at a glance.")
    parser.add_argument("--version", action="version", version=f"stockroom {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in registry.sorted_commands():
        sub = subparsers.add_parser(command.name, help=command.help, description=command.help)
        for flags, options in command.arguments:
            sub.add_argument(*flags, **options)
        sub.set_defaults(run=command.run)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except registry.CommandError as error:
        print(f"stockroom {args.command}: {error}", file=sys.stderr)
        return 1

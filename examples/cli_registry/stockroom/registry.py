"""The subcommand registry: each module under stockroom.commands registers its
commands here when it is imported, with the arguments its parser takes."""
from dataclasses import dataclass, field


class CommandError(Exception):
    """A command could not do what was asked; the CLI prints it and exits 1."""


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: object
    arguments: tuple = field(default_factory=tuple)


COMMANDS = {}


def arg(*flags, **options):
    return flags, options


def command(name, help, arguments=()):
    """Decorator: register ``func(args)`` as the subcommand ``name``."""

    def register(func):
        if name in COMMANDS:
            raise ValueError(f"subcommand {name!r} registered twice")
        COMMANDS[name] = Command(name, help, func, tuple(arguments))
        return func

    return register


def sorted_commands():
    return [COMMANDS[name] for name in sorted(COMMANDS)]

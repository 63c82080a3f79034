"""stockroom: a small warehouse stock CLI (`python3 -m stockroom SUBCOMMAND ...`)."""
__version__ = "1.4.0"

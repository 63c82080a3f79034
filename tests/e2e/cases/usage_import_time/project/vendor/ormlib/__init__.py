"""A stand-in for an ORM: a declarative base and a registry of commands."""


class Base:
    pass


class Registry:
    def __init__(self):
        self.commands = {}

    def command(self, name):
        def register(function):
            self.commands[name] = function
            return function

        return register


def Column(kind):
    return kind

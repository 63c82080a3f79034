"""A fake command framework, 150 ms at import: commands register with a decorator."""
import time

time.sleep(0.150)
COMMANDS = {}


def command(name):
    def register(function):
        COMMANDS[name] = function
        return function

    return register

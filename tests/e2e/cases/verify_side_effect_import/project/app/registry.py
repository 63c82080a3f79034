HANDLERS = {}


def register(action):
    def add(function):
        HANDLERS[action] = function
        return function

    return add

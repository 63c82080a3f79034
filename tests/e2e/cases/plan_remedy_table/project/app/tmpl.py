import heavytmpl

env = heavytmpl.Environment("page")


def page(n):
    return env.render(n)

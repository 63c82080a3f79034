import heavyreg


@heavyreg.command("run")
def run(n):
    return "ran %s of %s" % (n, sorted(heavyreg.COMMANDS))

import atexit
import sys
import tempfile
import weakref

name, code = sys.argv[1], int(sys.argv[2])


def note(what):
    with open("%s-%s.txt" % (name, what), "w") as f:
        f.write(what + "\n")


atexit.register(note, "atexit")
# What tempfile.TemporaryDirectory() relies on when nobody closes it.
holder = type("Holder", (), {})()
weakref.finalize(holder, note, "finalizer")
scratch = tempfile.TemporaryDirectory(prefix="lmms-e2e-scratch-", dir=".")
try:
    sys.exit(code)
finally:
    note("finally")

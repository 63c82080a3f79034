# LMMS probe: runs inside the user's interpreter, started by `lmms profile`.
# Stdlib only, and it imports nothing the interpreter has not already loaded,
# so every import after "import" below belongs to the entry.
#
# argv: REPORT_FD MODE ENTRY_MODULE FUNCTION SRC_ROOT...
#   MODE "floor":  report and exit at once (interpreter start under the same flags)
#   MODE "timed":  import the entry, resolve the function, report "ready"
#   MODE "edges":  as "timed", also record every import statement executed
#                  (importer, target, file, line), including targets already loaded
# Report lines are tab-separated fields with \\ \t \n escaped.
import os
import sys
import time


def _escape(value):
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class _Channel:
    def __init__(self, fd):
        self.fd = fd

    def send(self, *lines):
        data = "".join("\t".join(_escape(f) for f in fields) + "\n" for fields in lines)
        view = memoryview(data.encode("utf-8", "surrogateescape"))
        while view:
            view = view[os.write(self.fd, view):]


def _resolve(name, globals, level):
    if level == 0:
        return name
    package = globals.get("__package__")
    if package is None:
        package = globals["__name__"]
        if "__path__" not in globals:
            package = package.rpartition(".")[0]
    base = package.rsplit(".", level - 1)[0]
    return base + "." + name if name else base


class _EdgeRecorder:
    """Wraps builtins.__import__ and importlib.import_module to see every import
    statement and call, even of modules already loaded."""

    def __init__(self):
        import builtins
        import importlib

        self.builtins = builtins
        self.importlib = importlib
        self.original = builtins.__import__
        self.original_import_module = importlib.import_module
        self.edges = {}

    def install(self):
        original, edges, getframe, modules = self.original, self.edges, sys._getframe, sys.modules
        original_import_module = self.original_import_module

        def recording_import(name, globals=None, locals=None, fromlist=(), level=0):
            module = original(name, globals, locals, fromlist, level)
            try:
                frame = getframe(1)
                # __import__(name) called as a function passes no globals.
                importer = (globals if globals is not None else frame.f_globals).get("__name__")
                if importer:
                    target = _resolve(name, globals, level)
                    where = (frame.f_code.co_filename, frame.f_lineno)
                    edges.setdefault((importer, target) + where, len(edges))
                    for item in fromlist or ():
                        if isinstance(item, str) and target + "." + item in modules:
                            edges.setdefault((importer, target + "." + item) + where, len(edges))
            except Exception:
                pass
            return module

        def recording_import_module(name, package=None):
            module = original_import_module(name, package)
            try:
                frame = getframe(1)
                importer = frame.f_globals.get("__name__")
                if importer:
                    level = len(name) - len(name.lstrip("."))
                    target = _resolve(name[level:], {"__package__": package}, level) if level else name
                    edges.setdefault((importer, target, frame.f_code.co_filename, frame.f_lineno), len(edges))
            except Exception:
                pass
            return module

        self.builtins.__import__ = recording_import
        self.importlib.import_module = recording_import_module

    def uninstall(self):
        self.builtins.__import__ = self.original
        self.importlib.import_module = self.original_import_module

    def lines(self):
        ordered = sorted(self.edges.items(), key=lambda item: item[1])
        return [("edge",) + key for key, _ in ordered]


def _module_file(module):
    file = getattr(module, "__file__", None)
    if file:
        return file
    path = getattr(module, "__path__", None)
    try:
        return next(iter(path)) if path is not None else ""
    except Exception:
        return ""


def _failure(channel, stage, error):
    import traceback

    lines = [("error", stage, type(error).__name__, str(error))]
    # The user's frames only: the probe itself runs as "<string>".
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename != "<string>"]
    if frames:
        text = "Traceback (most recent call last):\n" + "".join(traceback.format_list(frames))
        text += "".join(traceback.format_exception_only(type(error), error))
        lines += [("traceback", line) for line in text.splitlines()]
    channel.send(*lines)
    return 1


def _probe(argv):
    channel = _Channel(int(argv[0]))
    mode, entry, function, roots = argv[1], argv[2], argv[3], argv[4:]
    channel.send(("start", time.monotonic_ns()),
                 ("python", sys.version.split()[0], sys.executable, sys.implementation.name))
    if mode == "floor":
        channel.send(("ready", time.monotonic_ns()))
        return 0
    sys.path[0:0] = roots
    preloaded = list(sys.modules)
    recorder = _EdgeRecorder() if mode == "edges" else None
    if recorder:
        recorder.install()
    channel.send(("import", time.monotonic_ns()))
    try:
        __import__(entry)
        module = sys.modules[entry]
    except BaseException as error:
        return _failure(channel, "import", error)
    imported = time.monotonic_ns()
    if function:
        handler = getattr(module, function, None)
        if handler is None or not callable(handler):
            what = "no attribute" if handler is None else "a non-callable attribute"
            message = "module %r has %s %r" % (entry, what, function)
            return _failure(channel, "resolve", AttributeError(message))
    channel.send(("imported", imported), ("ready", time.monotonic_ns()))
    if recorder:
        recorder.uninstall()
    lines = [("modules", len(sys.modules))] + [("preloaded", name) for name in preloaded]
    if recorder:
        known = set(preloaded)
        lines += [("module", name, _module_file(module))
                  for name, module in list(sys.modules.items()) if name not in known]
        lines += recorder.lines()
    channel.send(*lines)
    return 0


def _exit(code):
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    # Skip interpreter teardown: the measurement ended at "ready".
    os._exit(code)


_exit(_probe(sys.argv[1:]))

# LMMS probe: runs inside the user's interpreter, started by `lmms profile`
# and `lmms usage`. Stdlib only; the profile modes import nothing the
# interpreter has not already loaded, so every import after "import" below
# belongs to the entry.
#
# argv: REPORT_FD MODE ENTRY_MODULE FUNCTION SRC_ROOT...
#   MODE "floor":  report and exit at once (interpreter start under the same flags)
#   MODE "timed":  import the entry, resolve the function, report "ready"
#   MODE "edges":  as "timed", also record every import statement executed
#                  (importer, target, file, line), including targets already loaded,
#                  the time of the project modules' top-level statements, of
#                  non-standard meta-path finders, and of compiling each module
#   MODE "events": ENTRY_MODULE FUNCTION EVENTS_FILE SRC_ROOT...: import the
#                  entry, then call the handler once per event, tracing which
#                  lines of the project's files each call executes
#   MODE "command": SRC_ROOT... -- ARGS...: run `-m module args` or
#                  `script.py args` as the interpreter would, traced the same way,
#                  and end as it would: atexit handlers run, its exit code stands
#   MODE "replay": ENTRY_MODULE FUNCTION EVENTS_FILE SRC_ROOT...: as "events",
#                  untraced, reporting per call what `lmms verify` compares: the
#                  value returned, the exception, the stdout and stderr it wrote
#   MODE "replay-command": SRC_ROOT... -- ARGS...: as "command", untraced
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


class _Tracer:
    """Which lines of the project's files run, per invocation: the project's
    files are those under a source root, outside installed packages. A line is
    a key (file index << 24 | line number); lines run while a project module's
    body executes are also kept as import-time lines. Subclasses install the
    hooks: sys.monitoring where the interpreter has it (3.12+), else sys.settrace."""

    def __init__(self, roots, channel):
        self.roots = tuple(os.path.join(os.path.realpath(root), "") for root in roots)
        self.channel = channel
        self.files = {}
        self.bases = {}
        self.hits = set()  # emptied by take(), never replaced: the hooks hold its add
        self.import_hits = set()
        self.importing = [0]

    def project_base(self, code):
        filename = code.co_filename
        base = None
        if filename.endswith(".py") and not filename.startswith("<"):
            path = os.path.realpath(filename)
            parts = path.split(os.sep)
            installed = "site-packages" in parts or "dist-packages" in parts or ".venv" in parts
            if not installed and path.startswith(self.roots):
                index = self.files.get(path)
                if index is None:
                    index = self.files[path] = len(self.files)
                    self.channel.send(("file", index, path))
                base = index << 24
        self.bases[code] = base
        return base

    def take(self):
        """The lines run since the last call, as one field."""
        lines = sorted(self.hits)
        self.hits.clear()
        return " ".join(map(str, lines))


def _is_import(code, frame):
    """A module body runs at import time; __main__'s is the program itself."""
    return code.co_name == "<module>" and frame.f_globals.get("__name__") != "__main__"


class _SettraceTracer(_Tracer):
    """sys.settrace calls the global function for every frame; it returns a
    line tracer only for code in the project's files."""

    name = "settrace"

    def install(self):
        bases, hit, import_hits, importing = self.bases, self.hits.add, self.import_hits, self.importing
        project_base = self.project_base

        def line_tracer_for(base):
            def line_tracer(frame, event, arg):
                if event == "line":
                    key = base | frame.f_lineno
                    hit(key)
                    if importing[0]:
                        import_hits.add(key)
                return line_tracer

            return line_tracer

        def module_tracer(frame, event, arg):
            if event == "line":
                key = bases[frame.f_code] | frame.f_lineno
                hit(key)
                import_hits.add(key)
            elif event == "return":
                importing[0] -= 1
            return module_tracer

        known, unknown = bases.get, -1

        def global_tracer(frame, event, arg):
            code = frame.f_code
            base = known(code, unknown)
            if base is None:
                return None
            if base == unknown:
                base = project_base(code)
                if base is None:
                    return None
            if _is_import(code, frame):
                importing[0] += 1
                return module_tracer
            return line_tracer_for(base)

        import threading

        threading.settrace(global_tracer)
        sys.settrace(global_tracer)

    def uninstall(self):
        sys.settrace(None)
        import threading

        threading.settrace(None)


class _MonitoringTracer(_Tracer):
    """sys.monitoring (PEP 669): PY_START sees each code object once per
    invocation and turns LINE events on for the project's code only; each line
    then reports once and is disabled until the next invocation (take) or the
    next import of a project module, so a line's first run inside an import is
    seen as such."""

    name = "monitoring"

    def install(self):
        monitoring = sys.monitoring
        events = monitoring.events
        disable = monitoring.DISABLE
        free = [i for i in (monitoring.COVERAGE_ID, monitoring.PROFILER_ID, 0, 1, 2, 3, 4)
                if monitoring.get_tool(i) is None]
        if not free:
            raise RuntimeError("every sys.monitoring tool id is in use")
        tool = self.tool = free[0]
        monitoring.use_tool_id(tool, "lmms")
        bases, hit, import_hits, importing = self.bases, self.hits.add, self.import_hits, self.importing
        project_base, getframe = self.project_base, sys._getframe
        module_codes = self.module_codes = set()
        set_local_events, restart_events = monitoring.set_local_events, monitoring.restart_events

        def started(code, offset):
            base = bases[code] if code in bases else project_base(code)
            if base is not None:
                if _is_import(code, getframe(1)):
                    module_codes.add(code)
                    importing[0] += 1
                    restart_events()
                    set_local_events(tool, code, events.LINE | events.PY_RETURN)
                else:
                    set_local_events(tool, code, events.LINE)
            return disable

        def line(code, number):
            key = bases[code] | number
            hit(key)
            if importing[0]:
                import_hits.add(key)
            return disable

        def left(code, offset, value):
            if code in module_codes:
                module_codes.discard(code)
                importing[0] -= 1

        monitoring.register_callback(tool, events.PY_START, started)
        monitoring.register_callback(tool, events.LINE, line)
        monitoring.register_callback(tool, events.PY_RETURN, left)
        monitoring.register_callback(tool, events.PY_UNWIND, left)
        monitoring.set_events(tool, events.PY_START | events.PY_UNWIND)

    def uninstall(self):
        monitoring = sys.monitoring
        monitoring.set_events(self.tool, 0)
        for code, base in self.bases.items():
            if base is not None:
                monitoring.set_local_events(self.tool, code, 0)
        for event in (monitoring.events.PY_START, monitoring.events.LINE, monitoring.events.PY_RETURN,
                      monitoring.events.PY_UNWIND):
            monitoring.register_callback(self.tool, event, None)
        monitoring.free_tool_id(self.tool)

    def take(self):
        sys.monitoring.restart_events()
        return _Tracer.take(self)


def _tracer(roots, channel):
    """sys.monitoring where the interpreter has it; LMMS_TRACER=settrace forces the older hook."""
    wanted = os.environ.get("LMMS_TRACER", "")
    use_monitoring = hasattr(sys, "monitoring") and wanted != "settrace"
    tracer = (_MonitoringTracer if use_monitoring else _SettraceTracer)(roots, channel)
    channel.send(("tracer", tracer.name))
    return tracer


class _Context:
    """The attributes a Lambda handler usually reads from its context."""

    function_name = "lmms-usage"
    function_version = "$LATEST"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:local:000000000000:function:lmms-usage"
    log_group_name = "/aws/lambda/lmms-usage"
    log_stream_name = "lmms-usage"

    def __init__(self, number):
        self.aws_request_id = "lmms-%05d" % number

    def get_remaining_time_in_millis(self):
        return 900_000


def _read_events(events_file):
    import json

    # The lines lmms numbered: split at "\n" only (a JSON string may hold U+2028),
    # blank when only spaces, tabs, form feeds or vertical tabs.
    with open(events_file, encoding="utf-8-sig", newline="") as handle:
        lines = [line[:-1] if line.endswith("\r") else line for line in handle.read().split("\n")]
    events = [json.loads(line) for line in lines if line.strip(" \t\f\v")]
    return events


def _events(channel, entry, function, events_file, roots):
    events = _read_events(events_file)
    sys.path[0:0] = roots
    tracer = _tracer(roots, channel)
    tracer.install()
    try:
        __import__(entry)
        handler = getattr(sys.modules[entry], function)
    except BaseException as error:
        tracer.uninstall()
        return _failure(channel, "import", error)
    channel.send(("imported", time.monotonic_ns()), ("hits", 0, tracer.take()))
    clock = time.perf_counter_ns
    for number, event in enumerate(events, 1):
        failure = ("", "")
        started = clock()
        try:
            handler(event, _Context(number))
        except Exception as error:
            failure = (type(error).__name__, str(error), _where(error))
        elapsed = clock() - started
        channel.send(("invocation", number, elapsed) + failure, ("hits", number, tracer.take()))
    tracer.uninstall()
    channel.send(("import_hits", " ".join(map(str, sorted(tracer.import_hits)))), ("done",))
    return 0


def _where(error):
    """The last frames of a handler's exception, as a traceback shows them."""
    import traceback

    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename != "<string>"]
    here = os.path.join(os.getcwd(), "")
    for frame in frames:
        if frame.filename.startswith(here):
            frame.filename = frame.filename[len(here):]
    return "".join(traceback.format_list(frames[-2:])).rstrip("\n")


def _as_the_interpreter(roots, args):
    """sys.argv and sys.path as `python ARGS` sets them: the script's folder, or
    the working directory, first; then the project's source roots."""
    sys.argv = list(args) if args[0] != "-m" else [args[1]] + list(args[2:])
    sys.path[0] = os.path.dirname(os.path.abspath(args[0])) if args[0] != "-m" else os.getcwd()
    sys.path[1:1] = roots


def _run_as_main(args):
    """Runs the command as __main__; returns the exception it ended with, or None."""
    import runpy

    try:
        if args[0] == "-m":
            runpy.run_module(args[1], run_name="__main__", alter_sys=True)
        else:
            runpy.run_path(args[0], run_name="__main__")
    except BaseException as error:
        return error
    return None


def _command(channel, roots, args):
    _as_the_interpreter(roots, args)
    tracer = _tracer(roots, channel)
    started = time.perf_counter_ns()
    tracer.install()
    ending = _run_as_main(args)
    tracer.uninstall()
    elapsed = time.perf_counter_ns() - started
    failure = ("", "")
    if isinstance(ending, SystemExit):
        if ending.code not in (None, 0):
            failure = ("SystemExit", str(ending.code))
    elif ending is not None:
        failure = (type(ending).__name__, str(ending))
    channel.send(("invocation", 1, elapsed) + failure, ("hits", 1, tracer.take()),
                 ("import_hits", " ".join(map(str, sorted(tracer.import_hits)))), ("done",))
    _end_as_the_program(ending)


def _end_as_the_program(ending):
    """The report is sent: the command now ends as it does for its user, through
    the interpreter's normal exit (atexit handlers, finalizers, its exit code)."""
    if ending is None or isinstance(ending, SystemExit):
        raise ending or SystemExit(0)
    trace = ending.__traceback__
    while trace is not None and trace.tb_frame.f_code.co_filename in ("<string>", "<frozen runpy>"):
        trace = trace.tb_next
    sys.excepthook(type(ending), ending.with_traceback(trace), trace)
    raise SystemExit(130 if isinstance(ending, KeyboardInterrupt) else 1)


def _stream_capture():
    """Stands in for sys.stdout or sys.stderr for the whole replay, so a stream
    kept at import time (a logging handler's) still writes into the text of
    the invocation that runs. A text stream (io is loaded at start-up):
    fileno() raises io.UnsupportedOperation, as for io.StringIO."""
    import io

    class StreamCapture(io.TextIOBase):
        encoding = "utf-8"
        errors = "surrogateescape"

        def __init__(self):
            self.parts = []
            self.buffer = _BinaryCapture(self.parts)

        def write(self, text):
            if not isinstance(text, str):
                raise TypeError("write() argument must be str, not %s" % type(text).__name__)
            self.parts.append(text)
            return len(text)

        def isatty(self):
            return False

        def writable(self):
            return True

        def take(self):
            text = "".join(self.parts)
            self.parts.clear()
            return text

    return StreamCapture()


class _BinaryCapture:
    def __init__(self, parts):
        self.parts = parts

    def write(self, data):
        self.parts.append(bytes(data).decode("utf-8", "surrogateescape"))
        return len(data)

    def flush(self):
        pass


def _returned(value):
    """What a handler returned, as lmms verify compares it: JSON with sorted
    keys, or repr where the value is not serialisable."""
    import json

    try:
        return "json", json.dumps(value, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        return "repr", repr(value)


def _replay(channel, entry, function, events_file, roots):
    events = _read_events(events_file)
    sys.path[0:0] = roots
    out, err = _stream_capture(), _stream_capture()
    sys.stdout, sys.stderr = out, err
    failure = ("", "")
    try:
        __import__(entry)
        handler = getattr(sys.modules[entry], function)
    except BaseException as error:
        failure = (type(error).__name__, str(error))
    entry_file = _module_file(sys.modules[entry]) if entry in sys.modules else ""
    entry_file = os.path.realpath(entry_file) if entry_file else ""
    channel.send(("replay_import",) + failure + (out.take(), err.take(), entry_file))
    if failure[0]:
        return 1
    clock = time.perf_counter_ns
    for number, event in enumerate(events, 1):
        returned, failure = ("", ""), ("", "")
        started = clock()
        try:
            returned = _returned(handler(event, _Context(number)))
        except (Exception, SystemExit) as error:
            failure = (type(error).__name__, str(error))
        elapsed = clock() - started
        channel.send(("outcome", number, elapsed) + returned + failure + (out.take(), err.take()))
    channel.send(("done",))
    return 0


def _replay_command(channel, roots, args):
    """As _command, untraced: the process's own stdout, stderr and exit code
    are compared, and the exception it ended with."""
    _as_the_interpreter(roots, args)
    started = time.perf_counter_ns()
    ending = _run_as_main(args)
    elapsed = time.perf_counter_ns() - started
    failure = ("", "")
    if ending is not None and not isinstance(ending, SystemExit):
        failure = (type(ending).__name__, str(ending))
    channel.send(("outcome", 1, elapsed, "", "") + failure, ("done",))
    _end_as_the_program(ending)


class _CompileWatch:
    """Which modules were compiled from source while the entry imported: no
    usable cached .pyc (PYTHONDONTWRITEBYTECODE, -B, an unwritable __pycache__).
    The importlib loaders call source_to_code only then."""

    def __init__(self):
        self.loader = sys.modules["_frozen_importlib_external"].SourceLoader
        self.original = self.loader.source_to_code
        self.compiled = []

    def install(self):
        original, compiled = self.original, self.compiled

        def source_to_code(loader, data, path, *args, **kwargs):
            compiled.append(path)
            return original(loader, data, path, *args, **kwargs)

        self.loader.source_to_code = source_to_code

    def uninstall(self):
        self.loader.source_to_code = self.original

    def line(self):
        return ("bytecode", int(sys.dont_write_bytecode), len(self.compiled),
                self.compiled[0] if self.compiled else "")


class _StatementClock:
    """Warm-up only: the time of each top-level statement of the project's
    modules, from one module-level line event of a frame to the next (or to
    the frame's end), less the time spent in imports it made (those are
    -X importtime's). Per (file, line), summed over a loop's repeats; the
    lines are folded into statements by lmms. sys.monitoring on 3.12+, else
    sys.settrace; nothing runs for code outside module bodies once seen."""

    def __init__(self, roots):
        self.roots = tuple(os.path.join(os.path.realpath(root), "") for root in roots)
        self.known = {}
        self.stack = []  # [code, line or None, started ns, excluded ns] per running module body
        self.totals = {}  # (file, line) -> ns
        self.clock = time.perf_counter_ns

    def project_file(self, code):
        known = self.known.get(code, 0)
        if known != 0:
            return known
        filename, path = code.co_filename, None
        if code.co_name == "<module>" and filename.endswith(".py") and not filename.startswith("<"):
            real = os.path.realpath(filename)
            parts = real.split(os.sep)
            installed = "site-packages" in parts or "dist-packages" in parts or ".venv" in parts
            if not installed and real.startswith(self.roots):
                path = real
        self.known[code] = path
        return path

    def close(self, entry, now):
        if entry[1] is not None:
            key = (entry[0].co_filename, entry[1])  # as sys.path found it, like the modules' __file__
            self.totals[key] = self.totals.get(key, 0) + max(0, now - entry[2] - entry[3])

    def enter(self, code):
        self.stack.append([code, None, self.clock(), 0])

    def line(self, code, number):
        now, stack = self.clock(), self.stack
        while stack and stack[-1][0] is not code:  # a body that raised: its last statement ends here
            self.close(stack.pop(), now)
        if stack:
            entry = stack[-1]
            self.close(entry, now)
            entry[1], entry[2], entry[3] = number, self.clock(), 0

    def leave(self, code):
        now, stack = self.clock(), self.stack
        if stack and stack[-1][0] is code:
            self.close(stack.pop(), now)

    def around(self, call):
        """Wraps an import function: its time is taken out of the statement that called it."""
        stack, clock = self.stack, self.clock

        def timed(*args, **kwargs):
            depth, started = len(stack), clock()
            try:
                return call(*args, **kwargs)
            finally:
                now = clock()
                while len(stack) > depth:
                    self.close(stack.pop(), now)
                if depth:
                    stack[depth - 1][3] += now - started

        return timed

    def install(self, finders):
        import builtins
        import importlib

        self.builtins, self.importlib = builtins, importlib
        self.original_import, self.original_import_module = builtins.__import__, importlib.import_module
        builtins.__import__ = finders.around(self.around(builtins.__import__))
        importlib.import_module = finders.around(self.around(importlib.import_module))
        if hasattr(sys, "monitoring"):
            self.install_monitoring()
        else:
            self.install_settrace()

    def install_settrace(self):
        project_file, enter, line, leave = self.project_file, self.enter, self.line, self.leave

        def body_tracer(frame, event, arg):
            if event == "line":
                line(frame.f_code, frame.f_lineno)
            elif event == "return":
                leave(frame.f_code)
            return body_tracer

        def global_tracer(frame, event, arg):
            code = frame.f_code
            if project_file(code) is None or frame.f_globals.get("__name__") == "__main__":
                return None
            enter(code)
            return body_tracer

        sys.settrace(global_tracer)

    def install_monitoring(self):
        monitoring = sys.monitoring
        events = monitoring.events
        free = [i for i in (monitoring.PROFILER_ID, monitoring.COVERAGE_ID, 0, 1, 2, 3, 4)
                if monitoring.get_tool(i) is None]
        if not free:
            self.tool = None
            return
        tool = self.tool = free[0]
        monitoring.use_tool_id(tool, "lmms-statements")
        project_file, enter, line, leave, getframe = self.project_file, self.enter, self.line, self.leave, sys._getframe
        disable, set_local_events = monitoring.DISABLE, monitoring.set_local_events

        def started(code, offset):
            if project_file(code) is None or getframe(1).f_globals.get("__name__") == "__main__":
                return disable
            enter(code)
            set_local_events(tool, code, events.LINE | events.PY_RETURN)

        def left(code, offset, value):
            leave(code)

        monitoring.register_callback(tool, events.PY_START, started)
        monitoring.register_callback(tool, events.LINE, line)
        monitoring.register_callback(tool, events.PY_RETURN, left)
        monitoring.set_events(tool, events.PY_START)

    def uninstall(self):
        if hasattr(sys, "monitoring"):
            monitoring = sys.monitoring
            if self.tool is not None:
                monitoring.set_events(self.tool, 0)
                for code, path in self.known.items():
                    if path is not None:
                        monitoring.set_local_events(self.tool, code, 0)
                for event in (monitoring.events.PY_START, monitoring.events.LINE, monitoring.events.PY_RETURN):
                    monitoring.register_callback(self.tool, event, None)
                monitoring.free_tool_id(self.tool)
        else:
            sys.settrace(None)
        self.builtins.__import__ = self.original_import
        self.importlib.import_module = self.original_import_module
        now = self.clock()
        while self.stack:
            self.close(self.stack.pop(), now)

    def lines(self):
        # Lines under 10 us are left out: what is folded into one statement is still above lmms's floor.
        return [("statement", path, line, ns) for (path, line), ns in sorted(self.totals.items())
                if ns >= 10_000]


_STANDARD_FINDER_MODULES = ("_frozen_importlib", "_frozen_importlib_external", "importlib._bootstrap",
                            "importlib._bootstrap_external", "zipimport")


class _FinderClock:
    """Warm-up only: the time each meta-path finder that is not CPython's own
    spends in find_spec. -X importtime bills it to the module being found;
    it is the finder's work. A finder installed while the entry imports is
    wrapped at the next import."""

    def __init__(self):
        self.wrapped = {}  # id(finder) -> [finder, name, calls, ns, {module: ns}]
        self.depth = {}

    def name(self, finder):
        kind = finder if isinstance(finder, type) else type(finder)
        return "%s.%s" % (getattr(kind, "__module__", "?"), getattr(kind, "__qualname__", kind.__name__))

    def wrap_new(self):
        for finder in list(sys.meta_path):
            if id(finder) in self.wrapped:
                continue
            kind = finder if isinstance(finder, type) else type(finder)
            if getattr(kind, "__module__", "") in _STANDARD_FINDER_MODULES:
                continue
            original = getattr(finder, "find_spec", None)
            if original is None:
                continue
            record = [finder, self.name(finder), 0, 0, {}, original, "find_spec" in getattr(finder, "__dict__", {})]
            try:
                finder.find_spec = self.timed(record, original)
            except Exception:
                continue
            self.wrapped[id(finder)] = record

    def timed(self, record, original):
        clock, depth, key = time.perf_counter_ns, self.depth, id(record[0])

        def find_spec(name, *args, **kwargs):
            if depth.get(key):
                return original(name, *args, **kwargs)
            depth[key] = 1
            started = clock()
            try:
                return original(name, *args, **kwargs)
            finally:
                spent = clock() - started
                depth[key] = 0
                record[2] += 1
                record[3] += spent
                record[4][name] = record[4].get(name, 0) + spent

        return find_spec

    def around(self, call):
        wrap_new = self.wrap_new

        def watched(*args, **kwargs):
            wrap_new()
            return call(*args, **kwargs)

        return watched

    def uninstall(self):
        for finder, _, _, _, _, original, had_own in self.wrapped.values():
            try:
                if had_own:
                    finder.find_spec = original
                else:
                    del finder.find_spec
            except Exception:
                pass

    def lines(self):
        found = []
        for _, name, calls, ns, by_module, _, _ in self.wrapped.values():
            slowest = min(by_module.items(), key=lambda item: (-item[1], item[0])) if by_module else ("", 0)
            found.append(("finder", name, calls, ns, slowest[0], slowest[1]))
        return sorted(found)


def _compile_costs(before_entry):
    """Warm-up only, after the entry imported: the time compiling each module
    loaded from a .py file takes, as the import system would without a
    cached .pyc (compile(source, path, "exec", dont_inherit=True))."""
    lines = []
    clock = time.perf_counter_ns
    for name, module in list(sys.modules.items()):
        if name in before_entry:
            continue
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or ""
        loader = getattr(spec, "loader", None)
        if not origin.endswith(".py") or not hasattr(loader, "get_data"):
            continue
        try:
            data = loader.get_data(origin)
            started = clock()
            compile(data, origin, "exec", dont_inherit=True)
            lines.append(("compile", name, origin, clock() - started))
        except Exception:
            pass
    return lines


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
    mode = argv[1]
    channel.send(("start", time.monotonic_ns()),
                 ("python", sys.version.split()[0], sys.executable, sys.implementation.name))
    if mode == "events":
        return _events(channel, argv[2], argv[3], argv[4], argv[5:])
    if mode == "command":
        split = argv.index("--")
        _command(channel, argv[2:split], argv[split + 1:])  # ends the process as the program would
    if mode == "replay":
        return _replay(channel, argv[2], argv[3], argv[4], argv[5:])
    if mode == "replay-command":
        split = argv.index("--")
        _replay_command(channel, argv[2:split], argv[split + 1:])  # ends as the program would
    entry, function, roots = argv[2], argv[3], argv[4:]
    if mode == "floor":
        channel.send(("ready", time.monotonic_ns()))
        return 0
    sys.path[0:0] = roots
    preloaded = list(sys.modules)
    statements = finders = recorder = None
    if mode == "edges":
        # Beneath the recorder, which reads the importing frame as its caller's.
        finders = _FinderClock()
        statements = _StatementClock(roots)
        statements.install(finders)
        recorder = _EdgeRecorder()
        recorder.install()
    watch = _CompileWatch()
    watch.install()
    before_entry = set(sys.modules)  # with what the probe's own hooks imported
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
    watch.uninstall()
    if recorder:
        recorder.uninstall()
        statements.uninstall()
        finders.uninstall()
    lines = [("modules", len(sys.modules)), watch.line()] + [("preloaded", name) for name in preloaded]
    if recorder:
        known = set(preloaded)
        lines += [("module", name, _module_file(module))
                  for name, module in list(sys.modules.items()) if name not in known]
        lines += recorder.lines() + statements.lines() + finders.lines() + _compile_costs(before_entry)
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

"""The terminal: width, and opening a file in a viewer, on Windows and POSIX alike."""
import os
import shutil
import subprocess
import sys

try:
    import msvcrt  # Windows console input; absent elsewhere
except ImportError:
    msvcrt = None

if sys.platform == "win32":
    import winreg


def width(default=100):
    return shutil.get_terminal_size((default, 24)).columns


def interactive():
    if msvcrt is not None:
        return msvcrt.kbhit() is not None
    return sys.stdin.isatty() and sys.stdout.isatty()


def default_viewer():
    if sys.platform == "win32":
        with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r".csv") as key:
            return winreg.QueryValue(key, None)
    return os.environ.get("PAGER", "cat")


def _spawn_windows(command):
    from subprocess import CREATE_NEW_PROCESS_GROUP

    return subprocess.Popen(command, creationflags=CREATE_NEW_PROCESS_GROUP).wait()


def _spawn_posix(command):
    sys.stdout.flush()
    return subprocess.run(command, check=False).returncode


def open_in_viewer(path, viewer=None):
    command = [viewer or default_viewer(), path]
    if sys.platform == "win32":
        return _spawn_windows(command)
    return _spawn_posix(command)

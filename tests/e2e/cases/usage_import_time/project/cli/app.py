"""The import-time kinds the usage lists, with the line that shows it."""
import sys

sys.path.insert(0, __file__.rsplit("/cli/", 1)[0] + "/vendor")  # the stand-in libraries

import ormlib  # noqa: E402
import plotlib  # noqa: E402

from cli.registry import registry  # noqa: E402

try:
    import fastjson  # not installed: the fallback below is the feature flag
except ImportError:
    fastjson = None

plotlib.use("Agg")  # configuring_call


class Row(ormlib.Base):  # base_class
    kind = ormlib.Column("text")  # class_body


@registry.command("show")  # registration
def show():
    return plotlib.render("shown")  # the one invocation-time use


@registry.command("list")
def list_():
    return ", ".join(sorted(registry.commands))


if fastjson is not None:  # feature_flag
    FORMAT = "fast"


def run(name):
    return registry.commands[name]()

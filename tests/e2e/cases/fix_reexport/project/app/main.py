"""A CLI-style entry: a package re-export read from other modules, a side-effect plugin import."""
import app.store
import plugin  # noqa: F401  (adds lightlib.table: nothing here reads the name)
from app import cli
from app import serve


def handler(event, context):
    app.store.describe()
    kind = event["kind"]
    if kind == "db":
        return cli.run_db(event["n"])
    if kind == "tools":
        from app import tools

        return tools.count(event["n"])
    if kind == "serve":
        return serve.serve(event["n"])
    return cli.table(event["n"])

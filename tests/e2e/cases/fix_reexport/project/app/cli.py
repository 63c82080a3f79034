"""Subcommands: the database through the package's re-export, read as app.store.Database."""
import app.store
import lightlib


def run_db(n):
    return app.store.Database(n).query()


def table(n):
    return lightlib.table(n)

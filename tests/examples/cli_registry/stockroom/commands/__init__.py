"""Every subcommand module, imported so that each registers itself."""
from stockroom.commands import chart, db, export, listing, stats, validate  # noqa: F401

"""tablekit: small in-memory tables from CSV, with text, Markdown, XML and Excel output."""
import tablekit.plugins.xlsx  # noqa: F401  (adds Table.to_xlsx and Table.from_xlsx)
from tablekit.table import Table

__version__ = "0.9.2"
__all__ = ["Table", "read_csv", "__version__"]

read_csv = Table.from_csv

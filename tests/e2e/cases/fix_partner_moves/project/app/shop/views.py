"""Views: the report module imported at module level, read by one view. Alone this import
saves nothing (the package's re-export keeps the module); with the re-export deferred, it does."""
from app.shop import report


def report_view(n):
    return report.render_report(n)


def list_view(n):
    return "list(%d)" % n

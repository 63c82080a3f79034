"""The entry: the package read as app.shop.render_report, its views imported at module level."""
import app.shop
from app.shop import views


def handler(event, context):
    kind = event["kind"]
    if kind == "report":
        return views.report_view(event["n"])
    if kind == "public":
        return app.shop.render_report(event["n"])
    return app.shop.describe() + " " + views.list_view(event["n"])

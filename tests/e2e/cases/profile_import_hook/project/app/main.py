# A plugin finder on sys.meta_path parses its routing table when asked for
# the next module: that work is the finder's, not app.routes'.
from app import hook
from app import routes


def handler(event, context):
    return routes.ROUTES

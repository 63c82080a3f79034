import app.settings


def handler(event, context):
    return app.settings.TABLE

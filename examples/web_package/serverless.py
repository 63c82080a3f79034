"""The shop behind API Gateway: `serverless.handler(event, context)` turns a REST proxy
event into a WSGI call of bookshop.wsgi.application; a scheduled event rebuilds the sitemap."""
import io
import sys

import bookshop
from bookshop.wsgi import application


def environ_for(event):
    body = (event.get("body") or "").encode("utf-8")
    query = "&".join(f"{k}={v}" for k, v in sorted((event.get("queryStringParameters") or {}).items()))
    environ = {
        "REQUEST_METHOD": event["httpMethod"], "PATH_INFO": event["path"], "QUERY_STRING": query,
        "CONTENT_LENGTH": str(len(body)), "SERVER_NAME": "shop.example", "SERVER_PORT": "443",
        "wsgi.input": io.BytesIO(body), "wsgi.errors": sys.stderr, "wsgi.url_scheme": "https",
    }
    for name, value in (event.get("headers") or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    return environ


def handler(event, context):
    if event.get("source") == "aws.events":  # the nightly sitemap
        books = bookshop.Store.load().search()
        sitemap = bookshop.render_page("sitemap.xml", books=books)
        return {"statusCode": 200, "body": sitemap, "headers": {"Content-Type": "application/xml"}}
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, dict(headers)

    chunks = application(environ_for(event), start_response)
    body = b"".join(chunks)
    headers = started["headers"]
    text = body.decode("utf-8") if "Content-Encoding" not in headers else body.hex()
    return {"statusCode": int(started["status"].split()[0]), "headers": headers, "body": text}

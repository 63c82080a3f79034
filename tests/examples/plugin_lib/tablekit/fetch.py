"""Tables from the company's data service over HTTP (requests; a stub transport here)."""
import csv
import io

import requests
from requests.adapters import BaseAdapter

from tablekit import formats

BASE = "https://data.example/"
FEEDS = {
    "prices": [{"product": "kettle", "price": 24.5}, {"product": "toaster", "price": 19.99},
               {"product": "blender", "price": 54.95}, {"product": "mixer", "price": 39.0}],
    "regions": [{"region": "North", "manager": "Okafor"}, {"region": "South", "manager": "Lindqvist"},
                {"region": "East", "manager": "Tanaka"}, {"region": "West", "manager": "Moreau"}],
}


class StubAdapter(BaseAdapter):
    """Answers like the data service does: CSV feeds, a 404, and a feed that times out."""

    def send(self, request, **kwargs):
        name = request.url[len(BASE):].removesuffix(".csv")
        if name == "live":
            raise requests.Timeout(f"read timed out after {kwargs.get('timeout')} s: {request.url}")
        response = requests.Response()
        response.url, response.request = request.url, request
        if name in FEEDS:
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=list(FEEDS[name][0]))
            writer.writeheader()
            writer.writerows(FEEDS[name])
            response.status_code, response._content = 200, out.getvalue().encode()
        else:
            response.status_code, response._content = 404, b"not found"
        return response

    def close(self):
        pass


def session():
    s = requests.Session()
    s.mount(BASE, StubAdapter())
    return s


def load_url(url, timeout=5.0):
    response = session().get(url, timeout=timeout)
    response.raise_for_status()
    records = list(csv.DictReader(io.StringIO(response.text)))
    return formats.from_records(records)

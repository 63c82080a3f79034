"""HTML pages, from templates compiled by one module-level jinja2 Environment."""
import jinja2

TEMPLATES = {
    "layout.html": "<!doctype html><title>{% block title %}{% endblock %} · Bookshop</title>\n"
                   "<main>{% block main %}{% endblock %}</main>\n",
    "book.html": "{% extends 'layout.html' %}{% block title %}{{ book.title }}{% endblock %}"
                 "{% block main %}<h1>{{ book.title }}</h1><p>by {{ book.author }}</p>"
                 "<p>£{{ book.price }} · {% if book.stock %}{{ book.stock }} in stock"
                 "{% else %}out of stock{% endif %}</p>{% endblock %}",
    "report.html": "{% extends 'layout.html' %}{% block title %}Sales{% endblock %}{% block main %}"
                   "<table>{% for o in orders %}<tr><td>{{ o.order_id }}</td><td>{{ o.customer }}</td>"
                   "<td>£{{ o.total }}</td></tr>{% endfor %}</table>"
                   "<p>{{ orders|length }} orders, £{{ total }}</p>{% endblock %}",
    "sitemap.xml": "<?xml version=\"1.0\"?>\n<urlset>{% for b in books %}"
                   "<url><loc>https://shop.example/books/{{ b.isbn }}</loc></url>{% endfor %}</urlset>\n",
}

ENV = jinja2.Environment(
    loader=jinja2.DictLoader(TEMPLATES),
    autoescape=jinja2.select_autoescape(["html", "xml"]),
    undefined=jinja2.StrictUndefined,
)


def render_page(name, **context):
    return ENV.get_template(name).render(**context)

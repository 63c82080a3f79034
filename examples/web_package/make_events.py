"""Writes events.jsonl, the workload: a day of API Gateway REST proxy events and the
nightly sitemap. Deterministic (a fixed seed): `python3 make_events.py > events.jsonl`."""
import json
import random

random.seed(2024)
ISBNS = ["9780141439518", "9780141439600", "9780141441146", "9780141439556", "9780141439846",
         "9780141439471", "9780141441672", "9780141439662", "9780141439570", "9780141439723",
         "9780141439808", "9780141439747"]
AUTHORS = ["austen", "dickens", "brontë", "shelley", "wilde"]
CUSTOMERS = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Katherine Johnson", "Edsger Dijkstra"]


def api(method, path, resource, query=None, headers=None, body=None):
    return {"resource": resource, "path": path, "httpMethod": method,
            "headers": {"Accept": "application/json", **(headers or {})},
            "queryStringParameters": query, "body": body, "isBase64Encoded": False,
            "requestContext": {"stage": "prod", "requestId": f"{random.getrandbits(64):016x}"}}


def order(valid=True):
    lines = [{"isbn": random.choice(ISBNS), "quantity": random.randint(1, 3)}
             for _ in range(random.randint(1, 3))]
    day = f"2024-03-{random.randint(5, 28):02d}"
    if not valid:
        choice = random.randrange(3)
        if choice == 0:
            lines[0]["isbn"] = lines[0]["isbn"][:-1] + "0"
        elif choice == 1:
            day = "2023-12-24"
        else:
            lines = []
    return json.dumps({"customer": random.choice(CUSTOMERS), "deliver_on": day, "lines": lines})


events = []
placed = 0
for n in range(118):
    r = random.random()
    if r < 0.10:
        events.append(api("GET", "/health", "/health"))
    elif r < 0.38:
        query = {"author": random.choice(AUTHORS)} if random.random() < 0.5 else None
        events.append(api("GET", "/books", "/books", query))
    elif r < 0.41:
        events.append(api("GET", "/books", "/books", {"format": "yaml"}))
    elif r < 0.66:
        isbn = random.choice(ISBNS + ["9780000000002"])
        events.append(api("GET", f"/books/{isbn}", "/books/{isbn}"))
    elif r < 0.69:
        events.append(api("GET", f"/books/{random.choice(ISBNS)}", "/books/{isbn}",
                          headers={"Accept": "text/html,application/xhtml+xml"}))
    elif r < 0.83:
        valid = random.random() < 0.7
        placed += valid
        events.append(api("POST", "/orders", "/orders", body=order(valid),
                          headers={"Content-Type": "application/json"}))
    elif r < 0.93:
        number = random.randint(1, max(placed + 1, 1))
        events.append(api("GET", f"/orders/ORD-{number:04d}", "/orders/{id}"))
    elif r < 0.95:
        events.append(api("GET", "/report", "/report", headers={"Accept": "text/html"}))
    elif r < 0.97:
        events.append(api("DELETE", "/books", "/books"))
    else:
        events.append(api("GET", "/basket", "/{proxy+}", headers={"Accept-Encoding": "br, gzip"}))
events.insert(60, {"version": "0", "id": "5f3c2e1a-0000-4000-8000-000000000001", "resource": "sitemap",
                   "detail-type": "Scheduled Event", "source": "aws.events", "account": "123456789012",
                   "time": "2024-03-04T02:00:00Z", "region": "eu-west-1", "resources": [], "detail": {}})
for event in events:
    print(json.dumps(event, ensure_ascii=False))

"""list, show, value, find: the everyday commands, stdlib only."""
import re
from collections import defaultdict

from stockroom import catalog
from stockroom.registry import CommandError, arg, command


@command("list", "list the items, optionally of one category",
         [arg("--category"), arg("--low", type=int, metavar="N", help="only items with fewer than N")])
def list_items(args):
    items = catalog.load()
    if args.category:
        items = [i for i in items if i.category == args.category]
    if args.low is not None:
        items = [i for i in items if i.quantity < args.low]
    rows = [(i.sku, i.name, i.category, i.quantity, i.location) for i in items]
    print(catalog.table(rows, ("sku", "name", "category", "qty", "shelf")))
    print(f"{len(rows)} items")


@command("show", "one item in full", [arg("sku")])
def show(args):
    item = catalog.by_sku(catalog.load(), args.sku)
    if item is None:
        raise CommandError(f"no item {args.sku}")
    for key, value in item.as_dict().items():
        print(f"{key:<11}{value}")
    print(f"{'value':<11}{catalog.money(item.value)}")


@command("value", "stock value per category", [arg("--top", type=int, default=0)])
def value(args):
    totals = defaultdict(int)
    for item in catalog.load():
        totals[item.category] += item.value
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    if args.top:
        ranked = ranked[: args.top]
    for category, total in ranked:
        print(f"{category:<10}{catalog.money(total):>14}")
    print(f"{'total':<10}{catalog.money(sum(totals.values())):>14}  ({catalog.warehouse()})")


@command("find", "items whose name matches a pattern", [arg("pattern")])
def find(args):
    try:
        pattern = re.compile(args.pattern, re.IGNORECASE)
    except re.error as error:
        raise CommandError(f"bad pattern: {error}") from None
    hits = [i for i in catalog.load() if pattern.search(i.name)]
    for item in hits:
        print(f"{item.sku}  {item.name}  ({item.quantity} at {item.location})")
    print(f"{len(hits)} found")

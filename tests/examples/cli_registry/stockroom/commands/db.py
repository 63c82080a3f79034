"""db: load the catalogue into SQLite and answer stock queries with SQL."""
from stockroom import catalog
from stockroom.registry import arg, command


@command("db", "query the catalogue with SQL (in-memory SQLite)",
         [arg("--below", type=int, default=10, help="reorder level")])
def db(args):
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from stockroom.models import Item, make_engine

    engine = make_engine()
    with Session(engine) as session:
        session.add_all(
            Item(sku=i.sku, name=i.name, category=i.category, quantity=i.quantity,
                 unit_pence=int(i.unit_price * 100), location=i.location)
            for i in catalog.load()
        )
        session.commit()
        low = session.scalars(select(Item).where(Item.quantity < args.below).order_by(Item.quantity, Item.sku))
        print(f"to reorder (fewer than {args.below}):")
        for item in low:
            print(f"  {item!r:<22}{item.name}")
        totals = session.execute(
            select(Item.category, func.count(Item.sku), func.sum(Item.quantity * Item.unit_pence))
            .group_by(Item.category).order_by(Item.category)
        )
        for category, count, pence in totals:
            print(f"{category:<10}{count:>3} skus {catalog.money(pence / 100):>14}")

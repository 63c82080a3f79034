"""stats: quantity statistics per category (pandas, loaded only when asked)."""
from stockroom import catalog
from stockroom.registry import arg, command


@command("stats", "quantity statistics per category", [arg("--by", default="category", choices=["category", "location"])])
def stats(args):
    import pandas as pd  # heavy, and only this command needs it

    frame = pd.DataFrame([i.as_dict() for i in catalog.load()])
    if args.by == "location":
        frame["location"] = frame["location"].str[0]
    summary = frame.groupby(args.by)["quantity"].agg(["count", "sum", "mean", "min", "max"]).round(2)
    print(summary.to_string())

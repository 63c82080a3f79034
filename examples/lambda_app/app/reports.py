"""Daily activity report built with pandas from the container's audit records."""
import pandas as pd

from app import formatting

COLUMNS = ["kind", "events", "share", "amount_total", "amount_p"]


def daily_report(records, day, percentile=95, currency="EUR"):
    """Summarise the audit records of ``day`` (``YYYY-MM-DD``) per kind as CSV text.

    Columns: events per kind, their share of the day's events, the summed
    amount and the ``percentile``-th amount percentile, formatted as money.
    """
    frame = pd.DataFrame.from_records(records, columns=["kind", "ref", "at", "amount"])
    frame = frame[frame["at"].str.startswith(day)]
    summary = (
        frame.groupby("kind", sort=True)
        .agg(
            events=("ref", "size"),
            amount_total=("amount", "sum"),
            amount_p=("amount", lambda amounts: formatting.percentile(amounts, percentile)),
        )
        .reset_index()
    )
    day_total = int(summary["events"].sum())
    summary["share"] = [formatting.percent(n, day_total) for n in summary["events"]]
    for column in ("amount_total", "amount_p"):
        summary[column] = [formatting.money(v, currency) for v in summary[column]]
    summary = summary.reindex(columns=COLUMNS)
    summary = summary.rename(columns={"amount_p": f"amount_p{percentile}"})
    return day_total, summary.to_csv(index=False, lineterminator="\n")

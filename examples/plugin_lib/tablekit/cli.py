"""`python3 -m tablekit COMMAND ...`: the library's command line."""
import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import requests

import tablekit
from tablekit import compat, console, fetch


def show(args):
    table = tablekit.read_csv(args.file)
    print(table.head(args.limit).render("text"))
    print(f"({len(table)} rows, {len(table.columns)} columns)")


def total(args):
    table = tablekit.read_csv(args.file)
    if args.by:
        print(table.group_sum(args.by, args.column).render("text"))
    else:
        print(f"{args.column}: {sum(table.column(args.column)):.2f}")


def sort(args):
    table = tablekit.read_csv(args.file).sort(args.column, args.desc)
    print(table.head(args.limit).render("text"))


def export(args):
    print(tablekit.read_csv(args.file).render(args.to))


def stats(args):
    values = tablekit.read_csv(args.file).column(args.column)
    if compat.HAVE_NUMPY:
        import numpy as np

        mean, median, spread = float(np.mean(values)), float(np.median(values)), float(np.std(values))
    else:
        mean, median, spread = statistics.fmean(values), statistics.median(values), statistics.pstdev(values)
    print(f"{args.column}: n={len(values)} mean={mean:.3f} median={median:.3f} sd={spread:.3f}")


def frame(args):
    if not compat.HAVE_PANDAS:
        print("pandas is not installed", file=sys.stderr)
        return 1
    import pandas as pd

    table = tablekit.read_csv(args.file)
    df = pd.DataFrame(table.rows, columns=table.columns)
    print(df.groupby("region")[["units", "amount"]].sum().round(2).to_string())
    return 0


def convert(args):
    table = tablekit.read_csv(args.file)
    with tempfile.TemporaryDirectory(prefix="tablekit-") as tmp:
        path = table.to_xlsx(str(Path(tmp) / (Path(args.file).stem + ".xlsx")), sheet=args.sheet)
        back = tablekit.Table.from_xlsx(path, sheet=args.sheet)
        print(f"wrote {Path(path).name}: sheet {args.sheet!r}, {len(back)} rows, "
              f"{len(back.columns)} columns; read back identical: {back == table}")


def download(args):
    try:
        table = fetch.load_url(fetch.BASE + args.feed + ".csv", timeout=args.timeout)
    except requests.Timeout as error:
        print(f"tablekit: {error}; using {args.fallback}", file=sys.stderr)
        table = tablekit.read_csv(args.fallback)
    except requests.HTTPError as error:
        print(f"tablekit: {error.response.status_code} for feed {args.feed!r}", file=sys.stderr)
        return 0
    print(table.head(args.limit).render("text"))


def info(args):
    print(f"tablekit {tablekit.__version__}")
    print("formats: " + ", ".join(sorted(tablekit.table.formats.RENDERERS)) + ", xlsx")
    for name, present in sorted(compat.features().items()):
        print(f"{name}: {'installed' if present else 'not installed'}")
    print(f"interactive: {console.interactive()}")


def view(args):
    tablekit.read_csv(args.file)  # refuse what is not a table before opening it
    return console.open_in_viewer(args.file, args.viewer)


def pipe(args):
    from tablekit.core import main

    return main([args.spec] + ([args.to] if args.to else []))


def build_parser():
    parser = argparse.ArgumentParser(prog="tablekit")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name, func, *arguments):
        p = sub.add_parser(name)
        for flags, options in arguments:
            p.add_argument(*flags, **options)
        p.set_defaults(func=func)

    file_arg = (("file",), {})
    limit = (("--limit",), {"type": int, "default": 10})
    command("show", show, file_arg, limit)
    command("sum", total, file_arg, (("column",), {}), (("--by",), {}))
    command("sort", sort, file_arg, (("column",), {}), (("--desc",), {"action": "store_true"}), limit)
    command("export", export, file_arg, (("--to",), {"choices": ["text", "md", "xml", "csv"], "default": "md"}))
    command("stats", stats, file_arg, (("column",), {}))
    command("frame", frame, file_arg)
    command("convert", convert, file_arg, (("--sheet",), {"default": "data"}))
    command("fetch", download, (("feed",), {}), (("--fallback",), {"default": "data/sales.csv"}),
            (("--timeout",), {"type": float, "default": 2.0}), limit)
    command("info", info)
    command("view", view, file_arg, (("--viewer",), {}))
    command("pipe", pipe, (("spec",), {}), (("--to",), {"choices": ["text", "md", "xml", "csv"]}))
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except (KeyError, ValueError, OSError) as error:
        print(f"tablekit {args.command}: {error}", file=sys.stderr)
        return 1

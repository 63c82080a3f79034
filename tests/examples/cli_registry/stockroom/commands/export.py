"""export: the catalogue as JSON, or as YAML when PyYAML is installed."""
import importlib.util
import json

from stockroom import catalog
from stockroom.registry import arg, command

# PyYAML is optional: JSON only without it. Asked of the finder, not imported.
HAVE_YAML = importlib.util.find_spec("yaml") is not None

FORMATS = ["json"] + (["yaml"] if HAVE_YAML else [])


@command("export", "the catalogue as JSON or YAML",
         [arg("--format", choices=FORMATS, default="json"), arg("--category")])
def export(args):
    rows = [item.as_dict() for item in catalog.load()
            if not args.category or item.category == args.category]
    document = {"warehouse": catalog.warehouse(), "count": len(rows), "items": rows}
    if args.format == "yaml":
        import yaml

        print(yaml.safe_dump(document, sort_keys=True, allow_unicode=True), end="")
    else:
        print(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False))

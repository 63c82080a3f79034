"""export: the catalogue as JSON, or as YAML when PyYAML is installed."""
import json

from stockroom import catalog
from stockroom.registry import arg, command

try:
    import yaml
except ImportError:  # PyYAML is optional: JSON only
    yaml = None

FORMATS = ["json"] + (["yaml"] if yaml is not None else [])


@command("export", "the catalogue as JSON or YAML",
         [arg("--format", choices=FORMATS, default="json"), arg("--category")])
def export(args):
    rows = [item.as_dict() for item in catalog.load()
            if not args.category or item.category == args.category]
    document = {"warehouse": catalog.warehouse(), "count": len(rows), "items": rows}
    if args.format == "yaml":
        print(yaml.safe_dump(document, sort_keys=True, allow_unicode=True), end="")
    else:
        print(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False))

"""Response encodings that depend on what is installed (feature flags)."""
import json

try:
    import yaml
except ImportError:  # PyYAML is optional: ?format=yaml answers 406 without it
    yaml = None

try:
    import brotli
except ImportError:  # brotli is optional: identity encoding without it
    brotli = None

MEDIA_TYPES = {"json": "application/json"}
if yaml is not None:
    MEDIA_TYPES["yaml"] = "application/yaml"


def encode(document, fmt):
    if fmt == "yaml":
        return yaml.safe_dump(document, sort_keys=True, allow_unicode=True)
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


def compress(body, accept_encoding):
    """(body, content-encoding or None)."""
    if brotli is not None and "br" in accept_encoding:
        return brotli.compress(body), "br"
    return body, None

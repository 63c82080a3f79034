"""Response encodings that depend on what is installed (feature flags)."""
import json
from importlib.util import find_spec

# Optional libraries, asked of the finder and imported where they are used.
HAVE_YAML = find_spec("yaml") is not None  # PyYAML: ?format=yaml answers 406 without it
HAVE_BROTLI = find_spec("brotli") is not None  # brotli: identity encoding without it

MEDIA_TYPES = {"json": "application/json"}
if HAVE_YAML:
    MEDIA_TYPES["yaml"] = "application/yaml"


def encode(document, fmt):
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(document, sort_keys=True, allow_unicode=True)
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


def compress(body, accept_encoding):
    """(body, content-encoding or None)."""
    if HAVE_BROTLI and "br" in accept_encoding:
        import brotli

        return brotli.compress(body), "br"
    return body, None

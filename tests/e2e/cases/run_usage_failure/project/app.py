import json


def main():
    return json.dumps({"ok": True})

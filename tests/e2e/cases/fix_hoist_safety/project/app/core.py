def main(event):
    return "core(%s)" % event["n"]

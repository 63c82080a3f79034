"""A configuring call: heavyplot must be configured before its first use."""
import heavyplot

heavyplot.use("Agg")


def draw(n):
    return heavyplot.render(n)


def handler(event, context):
    if event["kind"] == "rare":
        return {"rare": draw(event["n"])}
    return {"saved": event["n"]}

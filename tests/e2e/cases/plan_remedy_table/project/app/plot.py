import heavyplot

heavyplot.use("Agg")


def draw(n):
    return heavyplot.render(n)

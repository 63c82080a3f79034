"""chart: a bar chart of the stock per category, rendered off-screen."""
import io

import matplotlib

matplotlib.use("Agg")  # no display on the warehouse terminals
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

from stockroom import catalog  # noqa: E402
from stockroom.registry import arg, command  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@command("chart", "render the stock per category as a PNG",
         [arg("--out", help="write the PNG here"), arg("--width", type=float, default=6.0)])
def chart(args):
    quantities = {}
    for item in catalog.load():
        quantities[item.category] = quantities.get(item.category, 0) + item.quantity
    categories = sorted(quantities)
    figure, axes = plt.subplots(figsize=(args.width, 3.0), dpi=100)
    bars = axes.bar(categories, [quantities[c] for c in categories], color="#4477aa")
    axes.set_ylabel("units in stock")
    axes.set_title(f"Stock per category, {catalog.warehouse()}")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    width, height = figure.canvas.get_width_height()
    plt.close(figure)
    png = buffer.getvalue()
    signature_ok = png[:8] == PNG_SIGNATURE
    if args.out:
        with open(args.out, "wb") as f:
            f.write(png)
    for category, bar in zip(categories, bars):
        print(f"{category:<10}{int(bar.get_height()):>5} units")
    print(f"png {width}x{height} px, backend {matplotlib.get_backend()}, "
          f"signature ok: {signature_ok}")

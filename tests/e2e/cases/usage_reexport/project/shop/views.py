from shop import render


def page(rows):
    return render(rows)

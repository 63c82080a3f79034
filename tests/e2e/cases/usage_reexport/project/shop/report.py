def render(rows):
    return ", ".join(rows)

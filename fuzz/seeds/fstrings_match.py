x = f"{a!r:{w}} {b=}" + t"{c}"
match p:
    case [x, *r] if r:
        pass

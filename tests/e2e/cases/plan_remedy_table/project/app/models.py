import heavyorm


class Row(heavyorm.Base):
    kind = heavyorm.Column("text")


def make(n):
    row = Row()
    return "%s %s" % (row.kind, n)

"""The Table: named columns, rows of values, and the operations a report needs."""
import csv
from collections import defaultdict

from tablekit import formats


def _number(text):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


class Table:
    def __init__(self, columns, rows):
        self.columns = list(columns)
        self.rows = [list(row) for row in rows]

    @classmethod
    def from_csv(cls, path):
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            columns = next(reader)
            return cls(columns, [[_number(v) for v in row] for row in reader])

    def __len__(self):
        return len(self.rows)

    def __eq__(self, other):
        return isinstance(other, Table) and (self.columns, self.rows) == (other.columns, other.rows)

    def column(self, name):
        try:
            index = self.columns.index(name)
        except ValueError:
            raise KeyError(f"no column {name!r} (columns: {', '.join(self.columns)})") from None
        return [row[index] for row in self.rows]

    def where(self, name, value):
        index = self.columns.index(name)
        return Table(self.columns, [r for r in self.rows if str(r[index]) == str(value)])

    def sort(self, name, descending=False):
        index = self.columns.index(name)
        return Table(self.columns, sorted(self.rows, key=lambda r: (r[index], r), reverse=descending))

    def head(self, n):
        return Table(self.columns, self.rows[:n])

    def group_sum(self, by, name):
        totals = defaultdict(float)
        for key, value in zip(self.column(by), self.column(name)):
            totals[key] += value
        return Table([by, name], [[k, round(totals[k], 2)] for k in sorted(totals)])

    def render(self, fmt="text"):
        return formats.RENDERERS[fmt](self)

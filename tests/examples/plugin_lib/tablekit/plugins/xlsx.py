"""Excel support: importing this module adds Table.to_xlsx and Table.from_xlsx
(openpyxl is imported by the methods, when a workbook is written or read)."""
from tablekit.table import Table


def to_xlsx(self, path, sheet="data"):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(self.columns)
    for row in self.rows:
        ws.append(row)
    book.save(path)
    return path


def from_xlsx(cls, path, sheet="data"):
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    book.close()
    return cls(list(rows[0]), [list(r) for r in rows[1:]])


Table.to_xlsx = to_xlsx
Table.from_xlsx = classmethod(from_xlsx)

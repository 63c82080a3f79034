"""Renderers of a Table, and tables from records. tablekit.table imports this module at
module level, so this one imports tablekit.table only inside the function that needs it."""
import xml.etree.ElementTree


def _cell(value):
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def text(table):
    cells = [table.columns] + [[_cell(v) for v in row] for row in table.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(table):
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in table.rows]
    return "\n".join(lines)


def xml_document(table):
    root = xml.etree.ElementTree.Element("table", columns=str(len(table.columns)))
    for row in table.rows:
        item = xml.etree.ElementTree.SubElement(root, "row")
        for name, value in zip(table.columns, row):
            xml.etree.ElementTree.SubElement(item, name).text = _cell(value)
    xml.etree.ElementTree.indent(root)
    return xml.etree.ElementTree.tostring(root, encoding="unicode")


def csv_text(table):
    lines = [",".join(table.columns)] + [",".join(_cell(v) for v in row) for row in table.rows]
    return "\n".join(lines)


RENDERERS = {"text": text, "md": markdown, "xml": xml_document, "csv": csv_text}


def from_records(records):
    """A Table from a list of dicts (the keys of the first are the columns)."""
    from tablekit.table import Table  # not at module level: tablekit.table imports this module

    columns = list(records[0]) if records else []
    return Table(columns, [[record.get(c) for c in columns] for record in records])

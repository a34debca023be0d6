"""Build the example Word reports (examples/reports/*.docx) from their text sources.

    python examples/build_reports.py

Each examples/reports/<name>.txt is a report as its unit wrote it (the seed 自评报告 of one
county office, split into its four reports, the tables as they stand in the original). One
line is one paragraph; a run of lines starting with "|" is one table, its cells separated by
"|": "^" continues the cell above (a vertical merge, w:vMerge), "<" the cell to the left (a
horizontal merge, w:gridSpan), "\\n" starts a new paragraph inside a cell. "@PAGE" is a page
break. tests/report_builder.py uses the same markup to build the reports the tests need.

Needs python-docx (pip install -e '.[test]').
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement

HERE = Path(__file__).resolve().parent
REPORTS = HERE / "reports"
# A fixed timestamp so that rebuilding gives the same bytes apart from the zip's own dates.
CREATED = "2023-12-19T00:00:00"


def build(text: str) -> Document:
    """A Document from the markup above."""
    doc = Document()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            j = i
            while j < len(lines) and lines[j].startswith("|"):
                j += 1
            add_table(doc, [_cells(row) for row in lines[i:j]])
            i = j
            continue
        if line.strip() == "@PAGE":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            doc.add_paragraph(line)
        i += 1
    return doc


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().lstrip("|").split("|")]


def add_table(doc: Document, rows: list[list[str]], header_repeats: bool = True):
    """A table of *rows*; "^" and "<" cells are merged into the cell above / to the left."""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in ("^", "<"):
                continue
            cell = table.cell(r, c)
            parts = text.split("\\n")
            cell.paragraphs[0].text = parts[0]
            for more in parts[1:]:
                cell.add_paragraph(more)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text in ("^", "<"):
                continue
            c2 = c
            while c2 + 1 < width and row[c2 + 1] == "<":
                c2 += 1
            r2 = r
            while r2 + 1 < len(rows) and rows[r2 + 1][c] == "^":
                r2 += 1
            if (r2, c2) != (r, c):
                table.cell(r, c).merge(table.cell(r2, c2))
    if header_repeats:  # Word repeats the header row on every page the table runs onto
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    return table


def save(doc: Document, path: Path) -> None:
    doc.core_properties.author = "evalbook examples"
    from datetime import datetime

    doc.core_properties.created = doc.core_properties.modified = datetime.fromisoformat(CREATED)
    doc.save(str(path))


def main(argv: list[str]) -> int:
    for src in sorted(REPORTS.glob("*.txt")):
        out = src.with_suffix(".docx")
        save(build(src.read_text(encoding="utf-8")), out)
        print(out.relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

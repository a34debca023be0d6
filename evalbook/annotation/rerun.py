"""What evalbook wrote last time, so that a re-run replaces exactly that and nothing of the
user's.

- 校验结果 is evalbook's whole: it is removed and rebuilt. Its last block lists every cell
  evalbook wrote, with what the cell held before (value, number format, formula). A re-run
  first puts those originals back (in the workbook and in what the rules read) for every cell
  that still holds exactly what evalbook wrote, so the rules judge the user's own figures again
  and a second run gives the same findings, comments and rows. A cell the user has since
  overwritten is theirs again, and its record is dropped.
- Comments: evalbook's text starts at the MARKER line. On a cell with a comment of the user's
  it was appended below the marker and the comment kept its author; otherwise the comment is
  evalbook's. A re-run cuts everything from the marker on and drops comments that held
  nothing else.
- Conditional formats and validations are evalbook's by the tags marks.py gives them; only
  those are removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evalbook.annotation.cells import put_value
from evalbook.annotation.marks import DV_TITLE, MARKER, new_comment
from evalbook.annotation.texts import ANNOTATE_TEXTS
from evalbook.files.book import Book, Cell
from evalbook.read import RESULT_SHEET

RECORD_COLUMNS = 6  # sheet, cell, value, number format, formula, what evalbook wrote


@dataclass
class Record:
    """A cell evalbook wrote, and what it held before."""

    sheet: str
    cell: str
    value: Any = None  # as the rules read it (a formula's cached result)
    fmt: str = "General"
    formula: str | None = None  # the user's formula, when the cell held one
    wrote: str = ""  # evalbook's formula (or header text)


def record_titles() -> set[str]:
    """The records block's title in either language: a run in one finds what a run in the other wrote."""
    return set(ANNOTATE_TEXTS["annotate.records"])


def read_records(wb) -> list[Record]:
    if RESULT_SHEET not in wb.sheetnames:
        return []
    ws = wb[RESULT_SHEET]
    titles = record_titles()
    rows = list(ws.iter_rows(values_only=True))
    out: list[Record] = []
    for i, row in enumerate(rows):
        if row and row[0] in titles:
            for rec in rows[i + 2:]:
                if not rec or rec[0] is None:
                    break
                rec = list(rec) + [None] * RECORD_COLUMNS
                sheet, cell, value, fmt, formula, wrote = rec[:RECORD_COLUMNS]
                if isinstance(sheet, str) and isinstance(cell, str) and isinstance(wrote, str):
                    out.append(Record(sheet, cell, value, fmt or "General", formula or None, wrote))
            break
    return out


def take_back(wb, book: Book) -> list[Record]:
    """Put back the originals of cells that still hold what evalbook wrote; drop the rest.

    Afterwards the workbook and the Book hold the user's own figures, as before the first run.
    """
    kept = []
    for rec in read_records(wb):
        if rec.sheet not in wb.sheetnames:
            continue
        ws = wb[rec.sheet]
        try:
            cell = ws[rec.cell]
        except (ValueError, KeyError):
            continue
        if type(cell).__name__ != "Cell":
            continue
        if cell.value != rec.wrote:
            continue  # the user has written over it: theirs again
        put_value(cell, rec.value)
        if rec.formula:
            cell.value = rec.formula
        cell.number_format = rec.fmt
        sheet = book.sheet(rec.sheet)
        if sheet is not None:
            key = (cell.row, cell.column)
            if rec.value is None or (isinstance(rec.value, str) and not rec.value.strip()):
                sheet.cells.pop(key, None)
            else:
                sheet.cells[key] = Cell(rec.value, rec.fmt)
        kept.append(rec)
    if RESULT_SHEET in wb.sheetnames:
        wb.remove(wb[RESULT_SHEET])
    for sheet in list(book.sheets):
        if sheet.name == RESULT_SHEET:
            book.sheets.remove(sheet)
    return kept


def is_ours_cf(rule) -> bool:
    """A conditional format of evalbook's: its formula holds the CF_TAG marks.py gives it."""
    return any("evalbook" in str(f) for f in (rule.formula or ()))


def strip_marks(wb) -> None:
    """Remove evalbook's comments (its part of a shared one), conditional formats and validations."""
    from openpyxl.formatting.formatting import ConditionalFormattingList

    for ws in wb.worksheets:
        for cell in list(ws._cells.values()):
            comment = cell.comment
            if comment is None or MARKER not in (comment.text or ""):
                continue
            theirs = user_part(comment.text)
            # back to openpyxl's default box, which is what their comment had after loading
            cell.comment = new_comment(theirs, comment.author) if theirs else None
        old = ws.conditional_formatting
        if any(is_ours_cf(rule) for cf in old for rule in cf.rules):
            fresh = ConditionalFormattingList()
            for cf in old:
                for rule in cf.rules:
                    if not is_ours_cf(rule):
                        fresh.add(str(cf.sqref), rule)
            ws.conditional_formatting = fresh
        dvs = ws.data_validations.dataValidation
        ws.data_validations.dataValidation = [dv for dv in dvs if dv.errorTitle != DV_TITLE]


def user_part(text: str) -> str:
    """A shared comment's text above evalbook's MARKER: the user's own."""
    return text.split(MARKER, 1)[0].rstrip("\n")

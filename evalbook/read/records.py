"""The records block annotate leaves at the end of its 校验结果 sheet, read back as facts.

Every cell evalbook wrote is one row: sheet, cell, what the cell held before (value, number
format, formula), what evalbook wrote, and — for a derived figure that ``annotate --fix``
replaced because the unit's stated value was wrong — the mark ``P109``. Those rows become
:class:`~evalbook.model.workbook.Correction` facts, which rule P109 reports on every later
check, so a reviewer sees each correction whoever opened and saved the copy since.

The block is read from the cells as every application saves them (shared or inline strings,
rich-text runs are plain text in a Book), and is never trusted: a row names one cell inside
Excel's grid on a sheet the workbook has, or it is skipped; texts are bounded. Nothing read
here is ever written back as a formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from evalbook.files.book import MAX_COL, MAX_ROW, Book, Sheet
from evalbook.model.values import normalize, read_number
from evalbook.model.workbook import Correction, Field, Ref
from evalbook.read.labels import RESULT_SHEET

# The block's title in either language: a run in one finds what a run in the other wrote.
RECORD_TITLES = ("evalbook 写入的单元格（原内容）", "cells evalbook wrote (what they held before)")
RECORD_COLUMNS = 7  # sheet, cell, value, number format, formula, what evalbook wrote, P109
FIX_MARK = "P109"
MAX_RECORD_TEXT = 8192
_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$")


@dataclass
class Record:
    """A cell evalbook wrote, and what it held before."""

    sheet: str
    cell: str
    value: Any = None  # as the rules read it (a formula's cached result)
    fmt: str = "General"
    formula: str | None = None  # the user's formula, when the cell held one (information only)
    wrote: str = ""  # evalbook's formula (or header text)
    fixed: bool = False  # a wrong stated figure replaced by --fix: reported as P109

    @property
    def position(self) -> tuple[int, int]:
        return cell_position(self.cell)


def cell_position(a1: str) -> tuple[int, int] | None:
    """(row, col) of one cell inside Excel's grid, else None (ranges, whole columns, junk)."""
    m = _CELL.match(a1.strip()) if isinstance(a1, str) else None
    if m is None:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    row = int(m.group(2))
    if not (0 < row <= MAX_ROW and 0 < col <= MAX_COL):
        return None
    return row, col


def result_sheet(book: Book) -> Sheet | None:
    for s in book.sheets:
        if normalize(s.name) == RESULT_SHEET:
            return s
    return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= MAX_RECORD_TEXT else None


def read_records(book: Book) -> list[Record]:
    """The records block of *book*'s 校验结果 sheet; rows that name no usable cell are skipped."""
    sheet = result_sheet(book)
    if sheet is None:
        return []
    titles = {normalize(t) for t in RECORD_TITLES}
    rows = sheet.rows()
    start = next((r for r, cells in rows.items()
                  if isinstance(cells.get(1) and cells[1].value, str) and normalize(cells[1].value) in titles), None)
    if start is None:
        return []
    names = {s.name for s in book.sheets if s is not sheet}
    out: list[Record] = []
    r = start + 2
    while r in rows and rows[r].get(1) is not None and rows[r][1].value is not None:
        got = {c: cell.value for c, cell in rows[r].items()}
        r += 1
        sheet_name, a1, wrote = _text(got.get(1)), _text(got.get(2)), _text(got.get(6))
        if sheet_name not in names or a1 is None or cell_position(a1) is None or wrote is None:
            continue
        value = got.get(3)
        if isinstance(value, str) and len(value) > MAX_RECORD_TEXT:
            continue
        fmt = _text(got.get(4)) or "General"
        if len(fmt) > 255:
            fmt = "General"
        fixed = isinstance(got.get(7), str) and normalize(got[7]).upper() == FIX_MARK
        out.append(Record(sheet_name, a1.strip().replace("$", "").upper(), value, fmt,
                          _text(got.get(5)) or None, wrote, fixed))
    return out


def read_corrections(book: Book) -> list[Correction]:
    """The --fix corrections the records name, with what each cell states now."""
    out = []
    for rec in read_records(book):
        if not rec.fixed:
            continue
        row, col = rec.position
        sheet = book.sheet(rec.sheet)
        ref = Ref(rec.sheet, row, col)
        cell = sheet.get(row, col)
        now = Field(ref, None, None) if cell is None else \
            Field(ref, cell.value, read_number(cell.value, cell.fmt))
        claimed = Field(ref, rec.value, read_number(rec.value, rec.fmt))
        out.append(Correction(ref, claimed, now))
    return out

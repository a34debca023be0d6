"""openpyxl's full load, for annotate, without the two costs that buy annotate nothing.

1. Styling merged cells. openpyxl's load re-derives the border of every cell of every
   merged range one cell at a time (``cell.border += Border(...)``), building a new Border and
   hashing it into the workbook's style list for each; on a form whose tier-1 labels are
   merged down over thousands of rows that is four fifths of the load. The cells of one
   range's edge all get the same result from the same inputs, so :func:`load_workbook`
   computes it once per distinct case and gives the rest the same style index: the cells,
   the style lists and the saved file are exactly what openpyxl's own load gives
   (tests/test_loading.py compares them part by part).
2. The cycle collector, whose full passes over the hundreds of thousands of cell objects
   of a large form cost more than they free (a load makes no cycles worth collecting).

numpy is the third cost, paid at import: openpyxl imports it when it is installed, 65-90 ms
on every start. :func:`lean_imports` keeps it out for the length of a command-line run.
"""

from __future__ import annotations

import copy
import io
import os
import sys
from contextlib import contextmanager

from evalbook.files.book import Book, Cell, Sheet, is_blank_value, paused_gc

_EDGES = ("top", "left", "right", "bottom")
_DATES = (__import__("datetime").date, __import__("datetime").time, __import__("datetime").timedelta)


@contextmanager
def lean_imports():
    """Within the block, ``import numpy`` fails, so openpyxl imports without it.

    For the command line only (cli.py): a run never hands numpy values to openpyxl, and a
    library user who already has numpy loaded keeps it (nothing changes then).
    """
    blocked = "numpy" not in sys.modules
    if blocked:
        sys.modules["numpy"] = None  # the documented way to make an import fail
    try:
        yield
    finally:
        if blocked and sys.modules.get("numpy", 0) is None:
            del sys.modules["numpy"]


def _format_merged_range(mcr, memo: dict) -> None:
    """openpyxl's MergedCellRange.format, each distinct border sum computed once per load.

    A sum depends only on the top-left cell's border, the edge and the covered cell's border
    before, all three style indexes into lists that only grow during a load; so *memo* maps
    them to the index openpyxl's own arithmetic gave the first time.
    """
    from openpyxl.cell.cell import MergedCell
    from openpyxl.styles.borders import Border
    from openpyxl.styles.cell_style import StyleArray

    ws = mcr.ws
    cells = ws._cells
    start = mcr.start_cell
    start_border = start.border  # also gives the start cell a StyleArray if it had none
    start_bid = start._style.borderId
    for name in _EDGES:
        border = memo.get(("edge", start_bid, name), 0)
        if border == 0:
            side = getattr(start_border, name)
            # as openpyxl: a side without a border style changes nothing
            border = None if side and side.style is None else Border(**{name: side})
            memo[("edge", start_bid, name)] = border
        if border is None:
            continue
        for coord in getattr(mcr, name):
            cell = cells.get(coord)
            if cell is None:
                cell = MergedCell(ws, row=coord[0], column=coord[1])
                cells[(cell.row, cell.column)] = cell
            if cell._style is None:
                cell._style = StyleArray()
            key = ("sum", start_bid, name, cell._style.borderId)
            after = memo.get(key)
            if after is None:
                cell.border += border  # openpyxl's own sum, added to the workbook's list
                memo[key] = cell._style.borderId
            else:
                cell._style.borderId = after
    start_pid = start._style.protectionId
    protection_id = memo.get(("protection", start_pid))
    protected = start.protection is not None  # as openpyxl (a proxy is never None)
    if protected and protection_id is None:
        protection = copy.copy(start.protection)
    for coord in mcr.cells:
        cell = cells.get(coord)
        if cell is None:
            row, col = coord
            cell = MergedCell(ws, row=row, column=col)
            cells[(cell.row, cell.column)] = cell
        if protected:
            if protection_id is None:
                cell.protection = protection
                protection_id = memo[("protection", start_pid)] = cell._style.protectionId
            else:
                if cell._style is None:
                    cell._style = StyleArray()
                cell._style.protectionId = protection_id


@contextmanager
def _fast_merges():
    from openpyxl.worksheet.merge import MergedCellRange

    original = MergedCellRange.format
    memo: dict = {}
    MergedCellRange.format = lambda mcr: _format_merged_range(mcr, memo)
    try:
        yield
    finally:
        MergedCellRange.format = original


def load_workbook(path, **kwargs):
    """``openpyxl.load_workbook(path, **kwargs)``, the same workbook, faster on merged cells."""
    import openpyxl

    with paused_gc(), _fast_merges():
        if isinstance(path, (str, os.PathLike)) and not os.fspath(path).lower().endswith(_OPENPYXL_SUFFIXES):
            # openpyxl judges a path by its name; the door has judged the content (a WPS .et
            # that is an xlsx inside, an upload's temporary name): hand it the bytes instead.
            with open(path, "rb") as fh:
                return openpyxl.load_workbook(io.BytesIO(fh.read()), **kwargs)
        return openpyxl.load_workbook(path, **kwargs)


def mend_styles(wb) -> int:
    """Point cells whose style names a number format, font, fill or border the file does not
    have (openpyxl keeps the index and fails on reading or writing it) at the default one,
    as Excel does when it opens such a file. Returns how many cell styles were mended."""
    sizes = {"numFmtId": None, "fontId": len(wb._fonts), "fillId": len(wb._fills),
             "borderId": len(wb._borders), "protectionId": len(wb._protections),
             "alignmentId": len(wb._alignments)}
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE, is_date_format

    formats = len(wb._number_formats)

    def bad(style) -> bool:
        n = style.numFmtId
        if n >= BUILTIN_FORMATS_MAX_SIZE and n - BUILTIN_FORMATS_MAX_SIZE >= formats:
            return True
        if n < BUILTIN_FORMATS_MAX_SIZE and n not in BUILTIN_FORMATS and n != 0:
            return False  # a built-in id openpyxl shows as General: harmless
        return any(size is not None and getattr(style, name) >= size for name, size in sizes.items())

    def mend(style) -> None:
        n = style.numFmtId
        if n >= BUILTIN_FORMATS_MAX_SIZE and n - BUILTIN_FORMATS_MAX_SIZE >= formats:
            style.numFmtId = 0
        for name, size in sizes.items():
            if size is not None and getattr(style, name) >= size:
                setattr(style, name, 0)

    mended = 0
    for style in wb._cell_styles:
        if bad(style):
            mend(style)
            mended += 1
    for ws in wb.worksheets:
        for cell in ws._cells.values():
            style = cell._style
            if style is not None and bad(style):
                mend(style)
                mended += 1
            if cell.data_type == "d" and isinstance(cell._value, _DATES) and not is_date_format(cell.number_format):
                # an ISO date cell (t="d") without a date format: openpyxl would write it as a
                # bare serial number, and every reader would then see a number, not a date
                cell.number_format = "yyyy-mm-dd h:mm:ss" if _has_time(cell._value) else "yyyy-mm-dd"
                mended += 1
    return mended


def _has_time(value) -> bool:
    import datetime as dt

    return isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) != (0, 0, 0)


_OPENPYXL_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")


def book_from_openpyxl(wb, path: str, kind: str = "xlsx") -> Book:
    """A Book from a workbook openpyxl loaded in normal mode (values as cached, i.e. data_only)."""
    book = Book(path=path, kind=kind)
    for ws in wb.worksheets:
        sheet = Sheet(ws.title)
        for (r, c), cell in ws._cells.items():
            if not is_blank_value(cell.value):
                sheet.cells[(r, c)] = Cell(cell.value, cell.number_format or "General")
        sheet.merged = [
            (m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges
        ]
        book.sheets.append(sheet)
    return book

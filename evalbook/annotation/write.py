"""Writing into the user's cells: the planned formulas (with the 原填 note where a stated
value was not what the formula gives), the cached results of the user's own formulas, and an
.xls read through xlrd as a new workbook.

Cached values: openpyxl writes formula cells without results. Each formula evalbook writes
caches the value its Python twin computed (plan.py), and
:func:`evalbook.files.cached_values.add_cached_values` patches those results into the saved
file; it also sets fullCalcOnLoad so Excel, WPS and LibreOffice recalculate on open. Formulas
of the user's own get back the results their input file cached (openpyxl would drop those too).
tests/test_annotate.py recalculates every example with LibreOffice and compares each formula
cell with the value cached here.
"""

from __future__ import annotations

from copy import copy
from typing import Any

from evalbook.annotation.cells import is_formula, put_value
from evalbook.annotation.plan import Write, field_blank
from evalbook.annotation.texts import annotate_text
from evalbook.files.book import Book
from evalbook.model import formulas as F
from evalbook.model.values import num, pct, read_grade, shown
from evalbook.read import RESULT_SHEET
from evalbook.read.records import Record


def write_plan(wb, book: Book, plan: list[Write], lang: str):
    """Write the plan; return (cached values by sheet, records of what was written). A record
    whose stated value the formula replaced (--fix) is marked for P109, which is also what the
    cell's comment then says."""
    cached: dict[str, dict[str, Any]] = {}
    written: list[Record] = []
    for w in plan:
        ws = wb[w.ref.sheet]
        cell = ws.cell(w.ref.row, w.ref.col)
        if type(cell).__name__ == "MergedCell":
            continue
        formula = cell.value if is_formula(cell) else None
        sheet = book.sheet(w.ref.sheet)
        original = sheet.value(w.ref.row, w.ref.col) if sheet else None
        note = was_note(w, lang)
        if formula != w.content:
            written.append(Record(w.ref.sheet, w.ref.a1, original, cell.number_format or "General",
                                  formula, w.content, fixed=note is not None))
            if w.style_from is not None:
                cell._style = copy(ws.cell(w.style_from.row, w.style_from.col)._style)
            if w.fmt and (cell.number_format or "General") == "General":
                cell.number_format = w.fmt
        if w.value is None and not w.content.startswith("="):
            put_value(cell, w.content)
            continue
        cell.value = w.content
        cached.setdefault(w.ref.sheet, {})[w.ref.a1] = w.value
    return cached, written


def kept_notes(kept: list[Write], lang: str) -> dict[tuple[str, str], str]:
    """"填写 98，按各项得分应为 90（=SUM(…)）" on each wrong claim that stays (not --fix)."""
    out = {}
    for w in kept:
        note = was_note(w, lang, kept=True)
        if note:
            out[(w.ref.sheet, w.ref.a1)] = note
    return out


def short_formula(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def was_note(w: Write, lang: str, kept: bool = False) -> str | None:
    """For a claim that stays (*kept*), "填写 98，按各项得分应为 90（=…）"; else a note that the
    formula replaced a different stated value; None when the stated value is what it gives."""
    f = w.stated
    if field_blank(f):
        return None
    new = w.value
    if w.grade:
        differs = read_grade(f.raw) != new
        new_text = new or "—"
    else:
        if new in (None, F.EMPTY):
            differs = True
        elif f.num is None:
            differs = True
        else:
            differs = not f.num.agrees(float(new))
        # at least the decimals the cell showed, so that 99.58 is not "corrected" to 99.58
        shown_decimals = f.num.decimals if f.num is not None else 0
        if new in (None, F.EMPTY):
            new_text = "—"
        elif w.percent:
            new_text = pct(new, max(2, shown_decimals - 2))
        else:
            new_text = num(new, max(2, shown_decimals))
    if not differs:
        return None
    if kept:
        return annotate_text("annotate.kept", lang, old=shown(f), new=new_text, formula=short_formula(w.content),
                             basis=annotate_text("annotate.basis." + w.basis, lang))
    return annotate_text("annotate.fixed", lang, old=shown(f), new=new_text)


def written_into_book(wb, book: Book, plan: list[Write], cached: dict) -> None:
    """What check will read from the cells annotate wrote: each formula's cached value (the
    header text for a new 得分率 column) with the number format the cell ended up with."""
    from evalbook.files.book import Cell, is_blank_value

    for w in plan:
        sheet = book.sheet(w.ref.sheet)
        cell = wb[w.ref.sheet]._cells.get((w.ref.row, w.ref.col))
        if sheet is None or cell is None or type(cell).__name__ == "MergedCell":
            continue
        if w.value is None and not w.content.startswith("="):
            value = w.content
        else:
            value = cached.get(w.ref.sheet, {}).get(w.ref.a1)
        key = (w.ref.row, w.ref.col)
        if is_blank_value(value):
            sheet.cells.pop(key, None)
        else:
            sheet.cells[key] = Cell(value, cell.number_format or "General")


def unwritable_number(sheets) -> str | None:
    """The first cell (Sheet!A1) holding an integer too large for any spreadsheet (past
    1.8e308: Excel cannot hold it and openpyxl cannot write it), else None. *sheets* are
    openpyxl worksheets or the reader's (files/book.py) sheets: both keep such a number as
    the integer it spells."""
    import sys

    from openpyxl.utils.cell import get_column_letter

    top = sys.float_info.max

    def too_large(v) -> bool:
        return type(v) is int and (v > top or v < -top)

    for sheet in sheets:
        if hasattr(sheet, "_cells"):  # openpyxl's
            found = next((c for c in sheet._cells.values() if too_large(c._value)), None)
            if found is not None:
                return f"{sheet.title}!{get_column_letter(found.column)}{found.row}"
            continue
        # the reader's: the values alone (a form's 40,000 cells), the place of the one found
        found = next((c for c in sheet.cells.values() if type(c.value) is int and too_large(c.value)), None)
        if found is not None:
            r, c = next(rc for rc, held in sheet.cells.items() if held is found)
            return f"{sheet.name}!{get_column_letter(c)}{r}"
    return None


def keep_user_cached_values(wb, book: Book, cached: dict) -> None:
    """The user's own formulas keep the results their file cached (openpyxl would drop them)."""
    for ws in wb.worksheets:
        sheet = book.sheet(ws.title)
        if sheet is None or ws.title == RESULT_SHEET:
            continue
        mine = cached.setdefault(ws.title, {})
        for (r, c), cell in ws._cells.items():
            if not is_formula(cell) or cell.coordinate in mine:
                continue
            v = sheet.value(r, c)
            if isinstance(v, bool) or (isinstance(v, (int, float)) and v == v) or \
                    (isinstance(v, str) and not v.startswith("#")):
                mine[cell.coordinate] = v


def workbook_from_book(book: Book):
    """An .xls as a new openpyxl workbook: values, number formats and merges (what xlrd gives)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        ws = wb.create_sheet(sheet.name[:31])
        for (r, c), cell in sheet.cells.items():
            put_value(ws.cell(r, c), cell.value)
            if cell.fmt and cell.fmt != "General":
                ws.cell(r, c).number_format = cell.fmt
        for r1, c1, r2, c2 in sheet.merged:
            if (r1, c1) != (r2, c2):
                ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    return wb

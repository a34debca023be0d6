"""The 校验结果 sheet annotate adds: what was checked (file, profile, time, version), the
summary, any notes (an .xls converted, parts openpyxl drops), one row per finding with a link
to its cell, and last the records of every cell evalbook wrote, which a re-run reads back
(rerun.py)."""

from __future__ import annotations

from datetime import datetime, timezone

from evalbook.version import __version__
from evalbook.annotation.cells import put_value
from evalbook.annotation.plan import RATE_FORMAT
from evalbook.annotation.texts import annotate_text
from evalbook.model import formulas as F
from evalbook.read import RESULT_SHEET
from evalbook.read.records import FIX_MARK, Record
from evalbook.report.findings import Report, _num
from evalbook.report.text import report_text


def result_sheet(wb, report: Report, profile, name: str, written: list[Record],
                 notes: list[str], lang: str) -> None:
    """The sheet; *name*: the checked file as its 文件 cell names it (text, not a path)."""
    ws = wb.create_sheet(RESULT_SHEET)
    r = _head(ws, report, profile, name, notes, lang)
    header_row = r
    r = _findings(ws, r, report, lang)
    _records(ws, r + 1, written, lang)
    for col, width in zip("ABCDEFG", (16, 12, 14, 70, 14, 40, 12)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    printable(ws, header_row)


def printable(ws, header_row: int) -> None:
    """A4 landscape, one page wide (as many pages down as it needs), the header row repeated."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = True


def local_time(now: datetime | None = None) -> str:
    """The time of the check in the computer's own zone, with the zone: 2024-05-06 14:03:00 (UTC+08:00)."""
    now = (now or datetime.now(timezone.utc)).astimezone()
    offset = now.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return now.strftime("%Y-%m-%d %H:%M:%S") + f" ({zone})"


def _text(key: str, lang: str, **params) -> str:
    return annotate_text("annotate." + key, lang, **params)


def _head(ws, report: Report, profile, name: str, notes: list[str], lang: str) -> int:
    """The title, what was checked, the summary and the notes; returns the findings' header row."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    s = report.summary
    head = [
        (_text("file", lang), name),
        (_text("profile", lang), profile.name),
        (_text("time", lang), local_time()),
        (_text("version", lang), __version__),
        (_text("errors", lang), s.errors),
        (_text("warnings", lang), s.warnings),
        (_text("computed_total", lang), s.computed_total),
        (_text("grade", lang), s.grade),
        (_text("claimed_total", lang), report.derived.original_claim if report.derived else s.claimed_total),
        (_text("budget_rate", lang), s.budget_rate),
    ]
    ws.cell(1, 1).value = _text("title", lang)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    r = 2
    for label, value in head:
        put_value(ws.cell(r, 1), label)
        ws.cell(r, 1).font = bold
        put_value(ws.cell(r, 2), value)
        if label == _text("budget_rate", lang) and value is not None:
            ws.cell(r, 2).number_format = RATE_FORMAT
        r += 1
    for note in notes:
        put_value(ws.cell(r, 1), _text("note", lang))
        ws.cell(r, 1).font = bold
        put_value(ws.cell(r, 2), note)
        r += 1
    return r + 1


def _link(cell, sheet: str, a1: str, text: str | None = None) -> None:
    """*cell* shows *text* (else sheet!A1) and takes the reader to that cell."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    put_value(cell, text or f"{sheet}!{a1}")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{F.quote_sheet(sheet)}!{a1}",
                               display=f"{sheet}!{a1}")
    cell.font = Font(color="FF0563C1", underline="single")


def _findings(ws, r: int, report: Report, lang: str) -> int:
    """A header at row *r* and one row per finding; returns the row after them."""
    from openpyxl.styles import Alignment, Font

    for c, key in enumerate(("code", "severity", "cell", "message", "stated", "expected"), start=1):
        put_value(ws.cell(r, c), _text("col_" + key, lang))
        ws.cell(r, c).font = Font(bold=True)
    r += 1
    for f in report.findings:
        put_value(ws.cell(r, 1), f.code)
        put_value(ws.cell(r, 2), report_text("text." + f.severity, lang))
        if f.ref is not None:
            _link(ws.cell(r, 3), f.ref.sheet, f.ref.a1)
        put_value(ws.cell(r, 4), f.message)
        ws.cell(r, 4).alignment = Alignment(wrap_text=True, vertical="top")
        for c, x in ((5, f.stated), (6, f.expected)):
            ws.cell(r, c).value = _num(x)  # as in the JSON report: no float noise
            if f.percent and x is not None:
                ws.cell(r, c).number_format = "0.00%"
        r += 1
    if not report.findings:
        put_value(ws.cell(r, 1), _text("none", lang))
        r += 1
    return r


def _records(ws, r: int, written: list[Record], lang: str) -> None:
    """The records block from row *r*: every cell evalbook wrote and what it held before, the
    block a re-run reads back (rerun.read_records), so it stays last on the sheet."""
    from openpyxl.styles import Font

    bold = Font(bold=True)
    put_value(ws.cell(r, 1), _text("records", lang))
    ws.cell(r, 1).font = bold
    r += 1
    for c, key in enumerate(("sheet", "cell", "value", "format", "formula", "wrote", "fixed"), start=1):
        put_value(ws.cell(r, c), _text("rec_" + key, lang))
        ws.cell(r, c).font = bold
    r += 1
    for rec in written:
        put_value(ws.cell(r, 1), rec.sheet)
        _link(ws.cell(r, 2), rec.sheet, rec.cell, rec.cell)
        value = record_value(rec.value)
        put_value(ws.cell(r, 3), value)
        if rec.fmt != "General" and not isinstance(value, str):
            ws.cell(r, 3).number_format = rec.fmt
        put_value(ws.cell(r, 4), rec.fmt)
        put_value(ws.cell(r, 5), rec.formula)
        put_value(ws.cell(r, 6), rec.wrote)
        if rec.fixed:
            put_value(ws.cell(r, 7), FIX_MARK)
        r += 1


def record_value(value):
    """A record's original value as its cell holds it: numbers, text, dates; anything else as text."""
    if isinstance(value, datetime) or value is None or isinstance(value, (int, float, str)):
        return value
    return str(value)


def records_sheet(written: list[Record], lang: str):
    """The records block as check will read it back from the copy (a Book sheet, rows 1…)."""
    from evalbook.files.book import Cell, Sheet, is_blank_value

    sheet = Sheet(RESULT_SHEET)
    sheet.cells[(1, 1)] = Cell(_text("records", lang))
    sheet.cells[(2, 1)] = Cell(_text("rec_sheet", lang))
    for r, rec in enumerate(written, start=3):
        value = record_value(rec.value)
        row = (rec.sheet, rec.cell, value, rec.fmt, rec.formula, rec.wrote, FIX_MARK if rec.fixed else None)
        for c, v in enumerate(row, start=1):
            if not is_blank_value(v):
                fmt = rec.fmt if c == 3 and not isinstance(v, str) else "General"
                sheet.cells[(r, c)] = Cell(v, fmt)
    return sheet

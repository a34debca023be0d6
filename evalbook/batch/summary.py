"""The summary workbook (spec: cli.md "Batch summary"): a row per file, worst first, and a
row per finding, written with xlsxwriter."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evalbook.batch.one_file import BROKEN, FileResult, worst_first
from evalbook.batch.texts import batch_text
from evalbook.files.atomic import atomic_write
from evalbook.report.text import report_text
from evalbook.rules import title_text


@dataclass(frozen=True)
class _Col:
    key: str
    width: float
    kind: str = "text"  # text, money, percent, score, count, number (as stated: a rate or a score)


SUMMARY_COLUMNS = (
    _Col("file", 40), _Col("project", 30), _Col("unit", 22), _Col("budget", 13, "money"),
    _Col("executed", 13, "money"), _Col("rate", 11, "percent"), _Col("claimed", 10, "score"),
    _Col("computed", 10, "score"), _Col("grade", 9), _Col("errors", 8, "count"),
    _Col("warnings", 8, "count"), _Col("status", 10), _Col("note", 50),
)
FINDINGS_COLUMNS = (
    _Col("file", 40), _Col("project", 30), _Col("code", 8), _Col("title", 30), _Col("severity", 8),
    _Col("sheet", 10), _Col("cell", 8), _Col("message", 70), _Col("stated", 10, "score"),
    _Col("expected", 10, "score"),
)

RED = {"bg_color": "#FFC7CE", "font_color": "#9C0006"}
AMBER = {"bg_color": "#FFEB9C", "font_color": "#9C5700"}


def write_summary(results: list[FileResult], path, lang: str = "zh") -> Path:
    """Write the summary workbook to *path* atomically; returns the path.

    Sheet one: a row per file, worst first, with a link to the file (or its annotated copy),
    the project's figures as numbers, counts and status; red rows for errors and unreadable
    files, amber for warnings only, as conditional formatting so they follow later edits.
    Sheet two: one row per finding, a flat table for a pivot.
    """
    summary = Summary(path, lang)
    for i, res in enumerate(results):
        summary.add(i, res)
    return summary.write()


class Summary:
    """The summary workbook of a run, each file's rows made as soon as its result arrives.

    Writing the summary is a tenth of a batch of small forms and, done after the last file,
    time no worker can share. Everything but the rows' final order (each row's values, formats
    and link, each finding's row) is therefore made while the workers still check, so that
    only sorting and xlsxwriter's own writing are left for the end.
    """

    def __init__(self, path, lang: str):
        self.path, self.lang = Path(path), lang
        self.rows: list[tuple] = []  # (order, summary cells, link, findings' cells)
        self.severity = {"error": report_text("text.error", lang), "warning": report_text("text.warning", lang)}

    def add(self, i: int, res: FileResult) -> None:
        """The rows of *res*, the *i*-th file found (the order among files that sort alike)."""
        lang = self.lang
        s = res.report["summary"] if res.report else {}
        values = {
            "project": res.project, "unit": res.unit, "budget": res.budget, "executed": res.executed,
            "rate": s.get("budget_rate"), "claimed": s.get("claimed_total"),
            "computed": s.get("computed_total"), "grade": s.get("grade"),
            "errors": None if res.broken else res.errors, "warnings": None if res.broken else res.warnings,
            "status": batch_text(f"batch.status.{res.status}", lang),
            "note": res.error or res.note,
        }
        money = ("money", res.money_unit)
        formats = {"budget": money, "executed": money, "rate": "percent", "claimed": "score",
                   "computed": "score", "errors": "count", "warnings": "count"}
        cells = [(_SUMMARY_INDEX[key], *_cell(value), formats.get(key))
                 for key, value in values.items() if value is not None]
        url = "external:" + _link_target(res.annotated or res.path, self.path)
        tip = batch_text("batch.link_annotated" if res.annotated else "batch.link_file", lang)
        # Excel caps a link at 2079 characters; a longer path stays plain text.
        link = (url if len(url) <= 2000 else None, res.path, tip)
        findings = []
        for f in res.findings:
            values = (res.path, res.project, f["code"], _title(f["code"], lang),
                      self.severity.get(f["severity"], f["severity"]), f["sheet"], f["cell"], f["message"],
                      f["stated"], f["expected"])
            findings.append([(c, *_cell(v)) for c, v in enumerate(values) if v is not None])
        self.rows.append(((worst_first(res), i), cells, link, findings))

    def write(self) -> Path:
        import xlsxwriter

        self.rows.sort(key=lambda row: row[0])
        with atomic_write(self.path) as tmp:
            # Text from the forms is written as text: a project name "=1+1" must not become a
            # formula. in_memory: the parts are zipped from memory, not from temporary files.
            book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                                  "strings_to_numbers": False, "in_memory": True})
            fmt = _Formats(book)
            self._summary_sheet(book, fmt)
            self._findings_sheet(book, fmt)
            book.close()
        return self.path

    def _summary_sheet(self, book, fmt: _Formats) -> None:
        ws = book.add_worksheet(batch_text("batch.sheet.summary", self.lang))
        _header(ws, fmt, SUMMARY_COLUMNS, self.lang)
        file_col = _SUMMARY_INDEX["file"]
        for r, (_, cells, (url, text, tip), _) in enumerate(self.rows, start=1):
            for c, value, number, key in cells:
                _put(ws, r, c, value, number, fmt.get(key))
            if url is None or ws.write_url(r, file_col, url, fmt.link, string=text, tip=tip) < 0:
                ws.write_string(r, file_col, text)
        n = len(self.rows)
        ws.autofilter(0, 0, max(n, 1), len(SUMMARY_COLUMNS) - 1)
        if n:
            _highlights(ws, fmt, n, _SUMMARY_INDEX, self.lang)

    def _findings_sheet(self, book, fmt: _Formats) -> None:
        ws = book.add_worksheet(batch_text("batch.sheet.findings", self.lang))
        _header(ws, fmt, FINDINGS_COLUMNS, self.lang)
        r = 0
        for _, _, _, findings in self.rows:
            for cells in findings:
                r += 1
                for c, value, number in cells:
                    _put(ws, r, c, value, number)
        ws.autofilter(0, 0, max(r, 1), len(FINDINGS_COLUMNS) - 1)


_SUMMARY_INDEX = {c.key: i for i, c in enumerate(SUMMARY_COLUMNS)}


def _cell(value) -> tuple[Any, bool]:
    """(what to write, whether it is a number): a number stays one, anything else is text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value, True
    return str(value), False


class _Formats:
    def __init__(self, book):
        self.book = book
        self.header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                       "text_wrap": True, "valign": "vcenter"})
        self.link = book.get_default_url_format()
        self.text = book.add_format({})
        self.percent = book.add_format({"num_format": "0.00%"})
        self.score = book.add_format({"num_format": "0.00"})
        self.count = book.add_format({"num_format": "0"})
        self.red = book.add_format(RED)
        self.amber = book.add_format(AMBER)
        self._money: dict[str, Any] = {}

    def get(self, key):
        """The format a cell's key names: None, "percent", "score", "count" or ("money", unit)."""
        if key is None:
            return None
        if isinstance(key, tuple):
            return self.money(key[1])
        return getattr(self, key)

    def money(self, unit: str | None):
        # The unit lives in the number format: the cell stays a number, and a 元 form next to
        # 万元 forms cannot be misread.
        unit = unit or ""
        if unit not in self._money:
            suffix = f'" {unit}"' if unit else ""
            self._money[unit] = self.book.add_format({"num_format": f"#,##0.00{suffix}"})
        return self._money[unit]


def _header(ws, fmt: _Formats, columns, lang: str) -> None:
    for c, col in enumerate(columns):
        ws.write_string(0, c, batch_text(f"batch.col.{col.key}", lang), fmt.header)
        ws.set_column(c, c, col.width)
    ws.freeze_panes(1, 0)


def _put(ws, row: int, col: int, value, number: bool, cell_fmt=None) -> None:
    if number:
        ws.write_number(row, col, value, cell_fmt)
    else:
        ws.write_string(row, col, value, cell_fmt)


def _highlights(ws, fmt: _Formats, n: int, index: dict[str, int], lang: str) -> None:
    from xlsxwriter.utility import xl_col_to_name

    err = xl_col_to_name(index["errors"])
    warn = xl_col_to_name(index["warnings"])
    status = xl_col_to_name(index["status"])
    broken = ",".join(f'${status}2="{_quote(batch_text(f"batch.status.{k}", lang))}"' for k in BROKEN)
    area = (1, 0, n, len(SUMMARY_COLUMNS) - 1)
    ws.conditional_format(*area, {"type": "formula", "criteria": f"=OR({broken},N(${err}2)>0)",
                                  "format": fmt.red, "stop_if_true": True})
    ws.conditional_format(*area, {"type": "formula", "criteria": f"=AND(N(${err}2)=0,N(${warn}2)>0)",
                                  "format": fmt.amber})


def _quote(text: str) -> str:
    return text.replace('"', '""')


def _link_target(target: str, summary: Path) -> str:
    """The file relative to the summary's folder, so the links survive moving both together."""
    absolute = os.path.abspath(target)
    try:
        rel = os.path.relpath(absolute, os.path.abspath(summary.parent))
    except ValueError:  # another drive (Windows): only an absolute link reaches it
        rel = absolute
    return _escape(rel.replace(os.sep, "/"))


# xlsxwriter escapes a link only when it holds no %xx yet, and reads "#" as the start of a cell
# anchor; escaping everything here covers both (a file named "第#1期 100%.xlsx").
_URL_ESCAPES = {c: f"%{ord(c):02x}" for c in '% "<>[]^`{}#'}


def _escape(path: str) -> str:
    return "".join(_URL_ESCAPES.get(ch, ch) for ch in path)


def _title(code: str, lang: str) -> str | None:
    try:
        return title_text(code, lang)
    except KeyError:
        return None


def import_writer() -> None:
    import xlsxwriter  # noqa: F401
    import xlsxwriter.utility  # noqa: F401

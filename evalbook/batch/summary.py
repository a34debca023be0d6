"""The summary workbook (spec: cli.md "Batch summary"), written with xlsxwriter: 汇总 (a row per
file, worst first), 统计 (stats.py: counts, totals, the score gaps' chart, what was skipped) and
问题明细 (a row per finding, linked to its cell). Every sheet prints on A4 landscape, one page
wide, its header repeated."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evalbook.batch.find import Skipped
from evalbook.batch.one_file import BROKEN, SUMMARY_MARK, FileResult, worst_first
from evalbook.batch.stats import stats_sheet
from evalbook.batch.texts import batch_text
from evalbook.files.atomic import atomic_write
from evalbook.batch.sheets import Formats, header, print_setup, put, quote_sheet, row_height, rule_title
from evalbook.model.narrative import REPORT_SHEET
from evalbook.report.text import report_text


@dataclass(frozen=True)
class _Col:
    key: str
    width: float
    kind: str = "text"  # text, wrap, money, percent, score, gap, count, year


SUMMARY_COLUMNS = (
    _Col("file", 30, "wrap"), _Col("project", 22, "wrap"), _Col("department", 14, "wrap"),
    _Col("unit", 16, "wrap"), _Col("year", 7, "year"), _Col("status", 9), _Col("errors", 6, "count"),
    _Col("warnings", 6, "count"), _Col("claimed", 8, "score"), _Col("computed", 8, "score"),
    _Col("gap", 8, "gap"), _Col("claimed_grade", 6), _Col("grade", 6), _Col("budget", 11, "money"),
    _Col("executed", 11, "money"), _Col("rate", 9, "percent"), _Col("codes", 18, "wrap"),
    _Col("duplicate", 20, "wrap"), _Col("annotated", 14, "wrap"), _Col("report", 16, "wrap"),
    _Col("note", 30, "wrap"),
)
FINDINGS_COLUMNS = (
    _Col("file", 30, "wrap"), _Col("project", 22, "wrap"), _Col("code", 7), _Col("title", 26, "wrap"),
    _Col("severity", 6), _Col("sheet", 9), _Col("cell", 7), _Col("message", 60, "wrap"),
    _Col("stated", 10, "score"), _Col("expected", 10, "score"),
)

MAIN_CODES = 5  # the 主要问题 column names this many codes, errors first


def write_summary(results: list[FileResult], path, lang: str = "zh", skipped: Skipped | None = None,
                  display_names: dict[str, str] | None = None) -> Path:
    """Write the summary workbook to *path* atomically; returns the path."""
    summary = Summary(path, lang, display_names)
    for i, res in enumerate(results):
        summary.add(i, res)
    return summary.write(skipped)


class Summary:
    """The summary workbook of a run, each file's rows made as soon as its result arrives.

    Writing the summary is a tenth of a batch of small forms and, done after the last file,
    time no worker can share. Everything but the rows' final order and what depends on the
    other files (the duplicates) is therefore made while the workers still check.
    """

    def __init__(self, path, lang: str, display_names: dict[str, str] | None = None):
        """*display_names* {path: name}: files to name by *name* instead of their path, in the
        text only (file columns, duplicates, error lines); their links go to *name* beside the
        summary, never to the path (a web upload's copy on the server)."""
        self.path, self.lang = Path(path), lang
        self.names = {os.fspath(k): v for k, v in (display_names or {}).items()}
        self.made: dict[int, tuple] = {}  # i → (order, result, summary cells, links, findings' cells)
        self.rows: list[tuple] = []  # the same, in the summary's order (made by write)
        self.severity = {"error": report_text("text.error", lang), "warning": report_text("text.warning", lang)}

    def add(self, i: int, res: FileResult) -> None:
        """The rows of *res*, the *i*-th file found (the order among files that sort alike);
        adding the *i*-th file again replaces its rows."""
        if res.skip:
            self.drop(i)
            return
        lang = self.lang
        s = res.report["summary"] if res.report else {}
        scored = res.scored and not res.broken
        computed = s.get("computed_total") if scored else None
        gap = None
        if res.claimed is not None and computed is not None:
            gap = round(res.claimed - computed, 2)
        values = {
            "project": res.project, "department": res.department, "unit": res.unit, "year": res.year,
            "status": batch_text(f"batch.status.{res.status}", lang),
            "errors": None if res.broken else res.errors, "warnings": None if res.broken else res.warnings,
            "claimed": res.claimed, "computed": computed, "gap": gap, "claimed_grade": res.claimed_grade,
            "grade": s.get("grade") if scored else None,
            "budget": res.budget, "executed": res.executed, "rate": s.get("budget_rate"),
            "codes": main_codes(res.findings), "note": self._named(res.error) or res.note,
        }
        cells = [(_SUMMARY_INDEX[key], *_cell(value), _SUMMARY_KIND[key])
                 for key, value in values.items() if value is not None]
        shown = self.shown(res.path)
        links = [(_SUMMARY_INDEX["file"], self._url(res.path), shown,
                  batch_text("batch.link_file_beside" if res.path in self.names else "batch.link_file", lang))]
        if res.annotated:
            links.append((_SUMMARY_INDEX["annotated"], _url(res.annotated, self.path),
                          os.path.basename(res.annotated), batch_text("batch.link_annotated", lang)))
        if res.report_path:
            links.append((_SUMMARY_INDEX["report"], _url(res.report_path, self.path),
                          os.path.basename(res.report_path), batch_text("batch.link_report", lang)))
        findings = []
        tip = batch_text("batch.link_cell_beside" if res.path in self.names else "batch.link_cell", lang)
        percents = res.percents or []
        for k, f in enumerate(res.findings):
            kind = "percent" if k < len(percents) and percents[k] else "score"
            # A finding in a paired report's text is in the report, not in the workbook.
            where = res.report_path if res.report_path and f["sheet"] == REPORT_SHEET else res.path
            values = (shown if where == res.path else where, res.project, f["code"], rule_title(f["code"], lang),
                      self.severity.get(f["severity"], f["severity"]), f["sheet"], f["cell"], f["message"],
                      f["stated"], f["expected"])
            row = [(c, *_cell(v), kind if c >= 8 else FINDINGS_COLUMNS[c].kind)
                   for c, v in enumerate(values) if v is not None]
            link = None
            if f["sheet"] and f["cell"]:
                # Word opens a document at its start: a link reaches the report, not the paragraph.
                anchor = None if res.document or where != res.path else f"{quote_sheet(f['sheet'])}!{f['cell']}"
                link = self._url(where, anchor)
            findings.append((row, link, tip))
        self.made[i] = ((worst_first(res), i), res, cells, links, findings)

    def drop(self, i: int) -> None:
        """The *i*-th file has no row after all (a report paired with its workbook)."""
        self.made.pop(i, None)

    def shown(self, path: str) -> str:
        """How the summary names the file at *path*."""
        return self.names.get(path, path)

    def _named(self, line: str | None) -> str | None:
        """An error line naming the file by its display name (the line names the path read)."""
        if not line:
            return line
        for path, name in self.names.items():
            line = line.replace(path, name)
        return line

    def _url(self, path: str, cell: str | None = None) -> str | None:
        if path in self.names:  # the file as the person has it, beside the summary
            url = "external:" + _escape(self.names[path]) + (f"#{cell}" if cell else "")
            return url if len(url) <= 2000 else None
        return _url(path, self.path, cell)

    def write(self, skipped: Skipped | None = None) -> Path:
        import xlsxwriter

        self.rows = sorted(self.made.values(), key=lambda row: row[0])
        with atomic_write(self.path) as tmp:
            # Text from the forms is written as text: a project name "=1+1" must not become a
            # formula. in_memory: the parts are zipped from memory, not from temporary files.
            book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                                  "strings_to_numbers": False, "in_memory": True})
            # What marks it as evalbook's summary, so that no later batch reads it as a form.
            book.set_properties({"title": batch_text("batch.title", self.lang), "creator": "evalbook"})
            book.set_custom_property(SUMMARY_MARK, "1")
            fmt = Formats(book)
            self._summary_sheet(book, fmt)
            stats_sheet(book, fmt, [row[1] for row in self.rows], skipped or Skipped(), self.lang, self.shown)
            self._findings_sheet(book, fmt)
            book.close()
        return self.path

    def _summary_sheet(self, book, fmt: Formats) -> None:
        lang = self.lang
        ws = book.add_worksheet(batch_text("batch.sheet.summary", lang))
        header(ws, fmt, SUMMARY_COLUMNS, lang)
        dup_col = _SUMMARY_INDEX["duplicate"]
        for r, (_, res, cells, links, _) in enumerate(self.rows, start=1):
            for c, value, number, kind in cells:
                put(ws, r, c, value, number, fmt.get(kind))
            for c, url, text, tip in links:
                if url is None or ws.write_url(r, c, url, fmt.link, string=text, tip=tip) < 0:
                    ws.write_string(r, c, text, fmt.wrap)
            wrapped = [(str(value), SUMMARY_COLUMNS[c].width) for c, value, _, kind in cells if kind == "wrap"]
            wrapped += [(text, SUMMARY_COLUMNS[c].width) for c, _, text, _ in links]
            if res.duplicates:
                text = batch_text("batch.duplicate_of", lang, files="；".join(map(self.shown, res.duplicates)))
                ws.write_string(r, dup_col, text, fmt.duplicate)
                wrapped.append((text, SUMMARY_COLUMNS[dup_col].width))
            ws.set_row(r, row_height(wrapped))
        n = len(self.rows)
        ws.autofilter(0, 0, max(n, 1), len(SUMMARY_COLUMNS) - 1)
        if n:
            _highlights(ws, fmt, n, lang)
        print_setup(ws, len(SUMMARY_COLUMNS) - 1)

    def _findings_sheet(self, book, fmt: Formats) -> None:
        ws = book.add_worksheet(batch_text("batch.sheet.findings", self.lang))
        header(ws, fmt, FINDINGS_COLUMNS, self.lang)
        cell_col = [c.key for c in FINDINGS_COLUMNS].index("cell")
        r = 0
        for _, _, _, _, findings in self.rows:
            for cells, link, tip in findings:
                r += 1
                ws.set_row(r, row_height((str(value), FINDINGS_COLUMNS[c].width)
                                         for c, value, _, kind in cells if kind == "wrap"))
                for c, value, number, kind in cells:
                    if c == cell_col and link is not None:
                        if ws.write_url(r, c, link, fmt.link, string=value, tip=tip) >= 0:
                            continue
                    put(ws, r, c, value, number, fmt.get(kind))
        ws.autofilter(0, 0, max(r, 1), len(FINDINGS_COLUMNS) - 1)
        print_setup(ws, len(FINDINGS_COLUMNS) - 1)


_SUMMARY_INDEX = {c.key: i for i, c in enumerate(SUMMARY_COLUMNS)}
_SUMMARY_KIND = {c.key: c.kind for c in SUMMARY_COLUMNS}


def main_codes(findings: list[dict]) -> str | None:
    """The codes a file's findings carry, errors first, the most frequent first: "C101×2、B101"."""
    if not findings:
        return None
    count = Counter(f["code"] for f in findings)
    error = {f["code"] for f in findings if f["severity"] == "error"}
    codes = sorted(count, key=lambda c: (c not in error, -count[c], c))
    shown = [c if count[c] == 1 else f"{c}×{count[c]}" for c in codes[:MAIN_CODES]]
    return "、".join(shown) + ("…" if len(codes) > MAIN_CODES else "")


def _cell(value) -> tuple[Any, bool]:
    """(what to write, whether it is a number): a number stays one, anything else is text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value, True
    return str(value), False


def _highlights(ws, fmt: Formats, n: int, lang: str) -> None:
    from xlsxwriter.utility import xl_col_to_name

    err = xl_col_to_name(_SUMMARY_INDEX["errors"])
    warn = xl_col_to_name(_SUMMARY_INDEX["warnings"])
    status = xl_col_to_name(_SUMMARY_INDEX["status"])
    broken = ",".join(f'${status}2="{_quote(batch_text(f"batch.status.{k}", lang))}"' for k in BROKEN)
    area = (1, 0, n, len(SUMMARY_COLUMNS) - 1)
    ws.conditional_format(*area, {"type": "formula", "criteria": f"=OR({broken},N(${err}2)>0)",
                                  "format": fmt.red, "stop_if_true": True})
    ws.conditional_format(*area, {"type": "formula", "criteria": f"=AND(N(${err}2)=0,N(${warn}2)>0)",
                                  "format": fmt.amber})


def _quote(text: str) -> str:
    return text.replace('"', '""')


def _url(target: str, summary: Path, cell: str | None = None) -> str | None:
    """An external link to *target* (at *cell*), relative to the summary's folder so that it
    survives moving both together; None past Excel's 2079 characters (the text stays plain)."""
    url = "external:" + _link_target(target, summary) + (f"#{cell}" if cell else "")
    return url if len(url) <= 2000 else None


def _link_target(target: str, summary: Path) -> str:
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


def import_writer() -> None:
    import xlsxwriter  # noqa: F401
    import xlsxwriter.utility  # noqa: F401

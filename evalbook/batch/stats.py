"""The summary's 统计 sheet: what a bureau totals and reports upward.

Blocks one under another (so that the sheet prints one page wide): the files by status; by
主管部门, with their budgets and spending in 万元 and a 合计 row; by rule code (how many files
have it, how many findings); the gaps between the unit's 自评得分 and the computed score, in
bands, with a native Excel column chart of them; the duplicate submissions; what was skipped
and why. Every figure is a number written by evalbook from the rows of 汇总.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from evalbook.batch.find import Skipped, lock_notes
from evalbook.batch.one_file import BROKEN, FileResult
from evalbook.batch.sheets import print_setup, row_height, rule_title
from evalbook.batch.texts import batch_text

WIDTHS = (30, 12, 12, 12, 12, 12, 12, 12, 12)
STATUSES = ("unreadable", "timeout", "memory", "internal", "errors", "warnings", "ok")

# The gap bands of (自评得分 − 计算得分): (key, lower bound exclusive-or-None, upper bound inclusive-or-None)
GAP_BANDS = (
    ("below5", None, -5.0), ("below1", -5.0, -1.0), ("below0", -1.0, 0.0), ("zero", None, None),
    ("above0", 0.0, 1.0), ("above1", 1.0, 5.0), ("above5", 5.0, None),
)


def gap_band(gap: float) -> str:
    """The band of a gap (2 decimals): 0 alone; below zero (…, lower], above zero (lower, upper]."""
    if gap == 0:
        return "zero"
    if gap < 0:
        if gap < -5:
            return "below5"
        return "below1" if gap < -1 else "below0"
    if gap > 5:
        return "above5"
    return "above1" if gap > 1 else "above0"


def stats_sheet(book, fmt, results: list[FileResult], skipped: Skipped, lang: str, shown=None) -> None:
    """The 统计 sheet; *shown(path)*: how a file is named (default: its path)."""
    ws = book.add_worksheet(batch_text("batch.sheet.stats", lang))
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    t = _Table(ws, fmt, lang)
    n_skipped = sum(skipped.counts().values())
    ws.write_string(0, 0, batch_text("batch.stats.title", lang, files=len(results), skipped=n_skipped),
                    fmt.title)
    t.row = 2
    _by_status(t, results)
    _by_department(t, results)
    _by_rule(t, results)
    _gaps(t, book, results)
    _duplicates(t, results, shown or (lambda path: path))
    _skipped(t, skipped)
    print_setup(ws, 8)


class _Table:
    """Writes blocks down the sheet: a caption, a header row, rows; a blank row after each."""

    def __init__(self, ws, fmt, lang: str):
        self.ws, self.fmt, self.lang, self.row = ws, fmt, lang, 0

    def block(self, caption: str, columns: list[str], rows: list[list], kinds: list[str | None] | None = None,
              total: list | None = None) -> tuple[int, int]:
        """Writes the block; returns (first, last) row index of its data rows."""
        ws, fmt = self.ws, self.fmt
        ws.write_string(self.row, 0, batch_text(caption, self.lang), fmt.bold)
        self.row += 1
        texts = [batch_text(key, self.lang) for key in columns]
        for c, text in enumerate(texts):
            ws.write_string(self.row, c, text, fmt.header)
        ws.set_row(self.row, row_height(zip(texts, WIDTHS)))
        self.row += 1
        first = self.row
        for values in rows + ([total] if total else []):
            bold = total is not None and values is total
            for c, v in enumerate(values):
                kind = kinds[c] if kinds else None
                self.put(self.row, c, v, kind, bold)
            self.row += 1
        last = self.row - 1
        self.row += 1
        return first, last

    def put(self, r: int, c: int, v, kind: str | None, bold: bool = False) -> None:
        if v is None:
            return
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            self.ws.write_number(r, c, v, self.fmt.get(kind or "count"))
        else:
            self.ws.write_string(r, c, str(v), self.fmt.bold if bold else self.fmt.wrap)


def _by_status(t: _Table, results: list[FileResult]) -> None:
    count = Counter(r.status for r in results)
    rows = [[batch_text(f"batch.status.{s}", t.lang), count[s]] for s in STATUSES if count[s]]
    t.block("batch.stats.by_status", ["batch.col.status", "batch.stats.files"], rows,
            total=[batch_text("batch.stats.total", t.lang), len(results)])


def _by_department(t: _Table, results: list[FileResult]) -> None:
    groups: dict[str, list[FileResult]] = defaultdict(list)
    for r in results:
        groups[r.department or batch_text("batch.stats.no_department", t.lang)].append(r)

    def line(name: str, rs: list[FileResult]) -> list:
        budget = _sum(r.budget for r in rs)
        executed = _sum(r.executed for r in rs)
        # the rate over the forms that state both figures, as each form's own rate is
        both = [r for r in rs if r.budget is not None and r.executed is not None]
        both_budget = _sum(r.budget for r in both)
        rate = _sum(r.executed for r in both) / both_budget if both_budget else None
        return [name, len(rs), sum(r.status == "errors" for r in rs), sum(r.status == "warnings" for r in rs),
                sum(r.status == "ok" for r in rs), sum(r.status in BROKEN for r in rs), budget, executed, rate]

    rows = [line(name, groups[name]) for name in sorted(groups, key=lambda k: (-len(groups[k]), k))]
    kinds = [None, "count", "count", "count", "count", "count", "money", "money", "percent"]
    t.block("batch.stats.by_department",
            ["batch.col.department", "batch.stats.files", "batch.status.errors", "batch.status.warnings",
             "batch.status.ok", "batch.stats.broken", "batch.col.budget", "batch.col.executed", "batch.col.rate"],
            rows, kinds, total=line(batch_text("batch.stats.total", t.lang), results))


def _sum(values) -> float | None:
    numbers = [v for v in values if v is not None]
    return float(sum(numbers)) if numbers else None


def _by_rule(t: _Table, results: list[FileResult]) -> None:
    files: Counter = Counter()
    findings: Counter = Counter()
    severity: dict[str, str] = {}
    for r in results:
        for f in r.findings:
            findings[f["code"]] += 1
            severity.setdefault(f["code"], f["severity"])
        files.update({f["code"] for f in r.findings})
    codes = sorted(files, key=lambda c: (-files[c], c))
    names = {"error": batch_text("batch.stats.error", t.lang), "warning": batch_text("batch.stats.warning", t.lang)}
    rows = [[c, names.get(severity[c], severity[c]), files[c], findings[c], rule_title(c, t.lang)] for c in codes]
    if not rows:
        rows = [[batch_text("batch.stats.none", t.lang)]]
    first, last = t.block("batch.stats.by_rule", ["batch.col.code", "batch.col.severity", "batch.stats.files",
                                                  "batch.stats.findings", "batch.col.title"], rows)
    # the rule's title runs over the columns to its right, within the printed width
    for r, row in zip(range(first, last + 1), rows):
        if len(row) > 4 and row[4]:
            t.ws.merge_range(r, 4, r, 8, row[4], t.fmt.text)


def _gaps(t: _Table, book, results: list[FileResult]) -> None:
    """The gap bands and their chart; then how many files claim more or less than computed."""
    gaps = []
    for r in results:
        computed = r.report["summary"].get("computed_total") if r.report and r.scored and not r.broken else None
        if r.claimed is not None and computed is not None:
            gaps.append(round(r.claimed - computed, 2))
    bands = Counter(gap_band(g) for g in gaps)
    rows = [[batch_text(f"batch.gap.{key}", t.lang), bands[key]] for key, _, _ in GAP_BANDS]
    top = t.row
    first, last = t.block("batch.stats.gaps", ["batch.stats.gap", "batch.stats.files"], rows)
    facts = [
        ("batch.stats.gap_files", len(gaps), "count"),
        ("batch.stats.gap_over", sum(g > 0 for g in gaps), "count"),
        ("batch.stats.gap_under", sum(g < 0 for g in gaps), "count"),
        ("batch.stats.gap_max", max(gaps) if gaps else None, "gap"),
        ("batch.stats.gap_min", min(gaps) if gaps else None, "gap"),
    ]
    for key, value, kind in facts:
        t.ws.write_string(t.row, 0, batch_text(key, t.lang), t.fmt.wrap)
        t.put(t.row, 1, value, kind)
        t.row += 1
    t.row += 1
    chart = book.add_chart({"type": "column"})
    sheet = batch_text("batch.sheet.stats", t.lang)
    chart.add_series({
        "name": batch_text("batch.stats.files", t.lang),
        "categories": [sheet, first, 0, last, 0],
        "values": [sheet, first, 1, last, 1],
        "fill": {"color": "#4472C4"},
        "data_labels": {"value": True},
    })
    chart.set_title({"name": batch_text("batch.stats.chart", t.lang), "name_font": {"size": 11}})
    chart.set_x_axis({"name": batch_text("batch.stats.gap", t.lang)})
    chart.set_y_axis({"name": batch_text("batch.stats.files", t.lang), "min": 0, "major_gridlines": {"visible": True}})
    chart.set_legend({"none": True})
    # Beside the bands' table, within the columns the sheet prints.
    t.ws.insert_chart(top, 3, chart, {"x_scale": 1.05, "y_scale": 0.85, "object_position": 1})
    t.row = max(t.row, top + 16)


def _duplicates(t: _Table, results: list[FileResult], shown) -> None:
    groups: dict[tuple, list[str]] = {}
    for r in results:
        if r.duplicates:
            key = tuple(sorted([r.path, *r.duplicates]))
            groups.setdefault(key, [shown(p) for p in key])
    rows = [[batch_text("batch.stats.group", t.lang, n=k), len(paths), "；".join(paths)]
            for k, paths in enumerate(groups.values(), start=1)]
    if not rows:
        rows = [[batch_text("batch.stats.none", t.lang)]]
    first, last = t.block("batch.stats.duplicates", ["batch.stats.group_col", "batch.stats.files",
                                                     "batch.col.file"], rows)
    if groups:
        # the files' paths run over the columns to the right, within the printed width
        for r, row in zip(range(first, last + 1), rows):
            t.ws.merge_range(r, 2, r, 8, row[2], t.fmt.wrap)


def _skipped(t: _Table, skipped: Skipped) -> None:
    counts = skipped.counts()
    rows = [[batch_text(f"batch.skip.{reason}", t.lang), n] for reason, n in counts.items()]
    if not rows:
        rows = [[batch_text("batch.stats.none", t.lang)]]
    t.block("batch.stats.skipped", ["batch.stats.reason", "batch.stats.files"], rows)
    for note in lock_notes(skipped, t.lang):
        t.ws.write_string(t.row, 0, note, t.fmt.text)
        t.row += 1

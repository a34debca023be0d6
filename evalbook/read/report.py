"""A Word report's tables as the model of a workbook (spec: workbook.md "Word reports").

Every indicator table of the report, in order, is one indicator sheet: seed-style reports
print one table per tier-1, each with its header and 小计, and a long table breaks over a page
into a continuation (header repeated or not) whose blank tier cells fill down from the page
before. Rather than teach the sheet readers about several tables, the tables are stacked into
one virtual sheet named after the first (its rows keep their own numbers; later tables follow
below it, their repeated headers dropped, their columns laid onto the first table's), read by
the same code as a workbook, and every location in the result is mapped back to the table
cell it came from (`表3!C4`). Project label/value rows and the funds block are stacked the
same way, with a blank row between tables; the payments table is read as it stands.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass

from evalbook.files.book import Cell, Sheet
from evalbook.files.docx import DocxBook
from evalbook.model.values import normalize
from evalbook.model.workbook import Columns, MissingColumn, Ref, Workbook
from evalbook.read.grid import Grid, find_header
from evalbook.read.indicators import read_indicators
from evalbook.read.labels import (
    FUNDS_COLUMNS, FUNDS_REQUIRED, INDICATOR_COLUMNS, INDICATOR_ESSENTIAL, INDICATOR_REQUIRED, LABEL_TO_FIELD,
    PAYMENT_COLUMNS, PAYMENT_MARK, PAYMENT_REQUIRED, header_key,
)
from evalbook.read.narrative import read_narrative
from evalbook.read.payments import read_payments
from evalbook.read.project import read_project

# What a header row must name for the table to be a self-evaluation indicator table: 三级指标
# with 得分 or 分值, or 一级指标 with 得分 (a 绩效目标表 with 三级指标 and 指标值 only is not).
_INDICATOR_MARKS = (("tier3", "score"), ("tier3", "cap"), ("tier1", "score"))
# Between a table and its continuation: nothing but blank lines, page breaks and a 续表 line.
_CONTINUED = re.compile(r"^(续表|续上表|表\d*[(（]?续[)）]?|[(（]续[)）]|接上表|续)")
_UNIT_LINE = re.compile(r"单位[:：]\s*(万元|元)")
_INLINE_LABEL = re.compile(r"^([^:：]{2,12})[:：](.+)$")
_FAR = 1000  # columns a later table has and the first has not are laid out of every reader's way


def read_report(doc: DocxBook) -> Workbook:
    """The model of a Word report: its tables, then its narrative (wb.narrative)."""
    wb = Workbook(doc.path, text_cells=True)
    grids = {s.name: Grid(s) for s in doc.sheets}
    headers = {name: _indicator_header(g) for name, g in grids.items()}
    ind_tables = _indicator_tables(doc, grids, headers)
    taken = {name for name, _ in ind_tables}
    _read_indicators(wb, doc, grids, ind_tables)
    _read_project(wb, doc, grids, headers, taken)
    for s in doc.sheets:
        if s.name in taken or wb.payments is not None:
            continue
        g = grids[s.name]
        h = find_header(g, PAYMENT_COLUMNS, PAYMENT_REQUIRED)
        if h is not None and PAYMENT_MARK in [header_key(g.at(h.header_row, c)) for c in h.cols.values()]:
            wb.payments = read_payments(s, grid=g)
    wb.narrative = read_narrative(doc.paragraphs, wb)
    return wb


def _indicator_header(grid: Grid) -> Columns | None:
    found = [h for h in (find_header(grid, INDICATOR_COLUMNS, must) for must in _INDICATOR_MARKS) if h]
    return min(found, key=lambda h: h.header_row) if found else None


def _indicator_tables(doc: DocxBook, grids: dict[str, Grid],
                      headers: dict[str, Columns | None]) -> list[tuple[str, Columns | None]]:
    """The indicator tables in order, each with its header; a continuation without a header
    (right after one, as wide, only blank lines or 续表 between) with None."""
    out: list[tuple[str, Columns | None]] = []
    last: str | None = None  # the indicator table the next one may continue
    for block in doc.blocks:
        if block.kind == "p":
            if block.text and not _CONTINUED.match(normalize(block.text)):
                last = None
            continue
        name = block.table
        if headers[name] is not None:
            out.append((name, headers[name]))
            last = name
        elif last is not None and _width(grids[name].sheet) == _width(grids[last].sheet) and grids[name].rows:
            out.append((name, None))
        else:
            last = None
    return out


def _width(sheet: Sheet) -> int:
    return max([sheet.max_col] + [c2 for _, _, _, c2 in sheet.merged])


class _Stack:
    """Tables laid one under another into one virtual sheet, and the way back to each cell."""

    def __init__(self, name: str):
        self.sheet = Sheet(name)
        self.where: dict[int, tuple[str, int, dict[int, int] | None]] = {}
        self.next_row = 1

    def add(self, sheet: Sheet, first: int, last: int, cols: dict[int, int] | None, gap: int = 0) -> None:
        """Rows *first*..*last* of *sheet*, its column c laid at cols[c] (same column when None)."""
        offset = (self.next_row + gap) - first if self.where else 0
        back = {v: k for k, v in cols.items()} if cols else None
        lay = (lambda c: cols.get(c, _FAR + c)) if cols else (lambda c: c)
        for (r, c), cell in sheet.cells.items():
            if first <= r <= last:
                self.sheet.cells[(r + offset, lay(c))] = Cell(cell.value, cell.fmt)
        for r1, c1, r2, c2 in sheet.merged:
            r1, r2 = max(r1, first), min(r2, last)
            if r1 > r2:
                continue
            a, b = lay(c1), lay(c2)
            if b - a == c2 - c1:
                self.sheet.merged.append((r1 + offset, a, r2 + offset, b))
        for r in range(first, last + 1):
            self.where[r + offset] = (sheet.name, r, back)
        self.next_row = last + offset + 1

    def back(self, ref: Ref) -> Ref:
        if ref.sheet != self.sheet.name or ref.row not in self.where:
            return ref
        name, row, cols = self.where[ref.row]
        col = cols.get(ref.col, ref.col - _FAR if ref.col > _FAR else ref.col) if cols else ref.col
        return Ref(name, row, col)


def _read_indicators(wb: Workbook, doc: DocxBook, grids: dict[str, Grid],
                     tables: list[tuple[str, Columns | None]]) -> None:
    if not tables:
        return
    first_name, first_hdr = tables[0]
    stack = _Stack(first_name)
    for name, hdr in tables:
        sheet = grids[name].sheet
        if name == first_name:
            stack.add(sheet, 1, sheet.max_row, None)
        elif hdr is None:
            stack.add(sheet, 1, sheet.max_row, None)  # a continuation: the columns it had before
        else:
            cols = None if hdr.cols == first_hdr.cols else _lay_columns(hdr, first_hdr)
            stack.add(sheet, hdr.header_row + 1, sheet.max_row, cols)
    missing = [n for n in INDICATOR_REQUIRED if n not in first_hdr.cols]
    for n in missing:
        wb.missing_columns.append(MissingColumn("indicators", first_name, Ref(first_name, first_hdr.header_row, 1),
                                                (n,)))
    if not any(m in INDICATOR_ESSENTIAL for m in missing):
        wb.indicators = read_indicators(stack.sheet, first_hdr, grid=Grid(stack.sheet))
        _map_back(wb.indicators, stack)


def _lay_columns(hdr: Columns, first: Columns) -> dict[int, int]:
    """A later table's columns onto the first table's, by what their headers name."""
    cols = {c: first.cols[name] for name, c in hdr.cols.items() if name in first.cols}
    # Tier and label columns left of the first named one keep their places.
    for c in range(1, min(hdr.cols.values())):
        cols.setdefault(c, c)
    return cols


def _read_project(wb: Workbook, doc: DocxBook, grids: dict[str, Grid], headers: dict[str, Columns | None],
                  taken: set[str]) -> None:
    """Project label/value rows and the funds block, from every table that holds them (and
    from the rows above the indicator header of a single-grid MoF table)."""
    parts: list[tuple[Sheet, int]] = []
    for s in doc.sheets:
        g = grids[s.name]
        hdr = headers[s.name]
        if s.name in taken:
            if hdr is not None and hdr.header_row > 1 and _has_project_fields(g, hdr.header_row):
                parts.append((s, hdr.header_row - 1))
            continue
        if find_header(g, FUNDS_COLUMNS, FUNDS_REQUIRED) is not None or _has_project_fields(g, None):
            parts.append((s, s.max_row))
    if not parts:
        return
    stack = _Stack(parts[0][0].name)
    for s, last in parts:
        stack.add(s, 1, last, None, gap=1)
    wb.project = read_project(stack.sheet, grid=Grid(stack.sheet))
    if "money_unit" not in wb.project.texts and _in_yuan(doc, grids, [s.name for s, _ in parts]):
        wb.project.money_unit = "元"
    _map_back(wb.project, stack)


def _has_project_fields(grid: Grid, stop: int | None) -> bool:
    """A label of a project field with its value beside it (项目名称 | 智慧城市), or inline."""
    for r, row in grid.rows.items():
        if stop is not None and r >= stop:
            break
        for c, cell in row.items():
            if not isinstance(cell.value, str):
                continue
            key = header_key(cell.value)
            if key in LABEL_TO_FIELD and grid.next_value_col(r, c) is not None:
                return True
            m = _INLINE_LABEL.match(normalize(cell.value))
            if m and header_key(m.group(1)) in LABEL_TO_FIELD:
                return True
    return False


def _in_yuan(doc: DocxBook, grids: dict[str, Grid], names: list[str]) -> bool:
    """A money table in 元: "（元）" in its funds header, or a 单位：元 line right above it."""
    for name in names:
        g = grids[name]
        hdr = find_header(g, FUNDS_COLUMNS, FUNDS_REQUIRED)
        if hdr is not None:
            texts = [normalize(str(g.at(hdr.header_row, c) or "")) for c in hdr.cols.values()]
            if any(t.endswith("(元)") for t in texts):
                return True
            if any(t.endswith("(万元)") for t in texts):
                return False
        above = _line_above(doc, name)
        m = _UNIT_LINE.search(above or "")
        if m:
            return m.group(1) == "元"
    return False


def _line_above(doc: DocxBook, table: str) -> str | None:
    prev = None
    for block in doc.blocks:
        if block.kind == "t" and block.table == table:
            return prev
        if block.kind == "p" and block.text:
            prev = block.text
        elif block.kind == "t":
            prev = None
    return None


def _map_back(obj, stack: _Stack) -> None:
    """Every Ref in *obj* (a model object and all it holds) pointed back at its table cell."""
    seen: set[int] = set()

    def fix(v):
        if isinstance(v, Ref):
            return stack.back(v)
        if isinstance(v, list):
            v[:] = [fix(x) for x in v]
            return v
        if isinstance(v, tuple):
            return tuple(fix(x) for x in v)
        if isinstance(v, dict):
            for k in list(v):
                v[k] = fix(v[k])
            return v
        if is_dataclass(v) and not isinstance(v, type) and id(v) not in seen:
            seen.add(id(v))
            for f in fields(v):
                old = getattr(v, f.name)
                new = fix(old)
                if new is not old:
                    object.__setattr__(v, f.name, new)
        return v

    fix(obj)

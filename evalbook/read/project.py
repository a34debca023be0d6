"""The project sheet: label/value pairs anywhere on it, their 其中 parts, and the funds block."""

from __future__ import annotations

import re
from datetime import date, datetime

from evalbook.files.book import Formula, Sheet
from evalbook.model.values import ERROR_CODES, is_blank, normalize, read_number
from evalbook.model.workbook import Columns, Field, Funds, FundsRow, MoneyField, Project, Ref
from evalbook.read.grid import Grid, find_header
from evalbook.read.labels import (
    FUNDS_COLUMNS, FUNDS_REQUIRED, LABEL_TO_FIELD, MONEY_FIELDS, PART_PREFIX, header_key, label_key,
)

# "项目名称：XXX" or "金额单位：万元" in one cell
_INLINE_LABEL = re.compile(r"^([^:：]{2,12})[:：](.+)$")
_YEAR = re.compile(r"(19|20)\d\d")
_UNIT_YUAN = re.compile(r"单位[:：]?\s*元")


def _year_of(v) -> int | None:
    if isinstance(v, (int, float)) and 1990 <= v <= 2100:
        return int(v)
    if isinstance(v, (datetime, date)):
        return v.year
    if isinstance(v, str):
        m = _YEAR.search(normalize(v))
        if m:
            return int(m.group(0))
    return None


def read_project(sheet: Sheet, stop_row: int | None = None, grid: Grid | None = None) -> Project:
    """Label/value pairs anywhere on the sheet (above *stop_row*), with 其中 parts and funds."""
    grid = grid or Grid(sheet)
    project = Project(sheet.name)
    funds_rows = _read_funds_block(grid, project, stop_row)
    money_order: list[tuple[int, int, str]] = []  # (row, label col, field) to attach 其中 rows
    part_rows: list[tuple[int, int, str, Field]] = []
    for r in sorted(grid.rows):
        if stop_row is not None and r >= stop_row:
            break
        if r in funds_rows:
            continue
        for c in sorted(grid.rows[r]):
            if grid.anchor(r, c) != (r, c):
                continue
            v = grid.rows[r][c].value
            if isinstance(v, str):
                _read_label(grid, project, r, c, v, money_order, part_rows)
    _attach_parts(project, money_order, part_rows)
    _fallbacks(grid, project)
    return project


def _read_funds_block(grid: Grid, project: Project, stop_row: int | None) -> set[int]:
    """Read the funds block into *project*, if the sheet has one above *stop_row*; its rows."""
    funds_hdr = find_header(grid, FUNDS_COLUMNS, FUNDS_REQUIRED)
    funds_rows: set[int] = set()
    if funds_hdr is not None and (stop_row is None or funds_hdr.header_row < stop_row):
        project.funds = _read_funds(grid, funds_hdr, stop_row)
        funds_rows = {funds_hdr.header_row}
        if project.funds.total:
            funds_rows.add(project.funds.total.ref.row)
        funds_rows.update(p.ref.row for p in project.funds.parts)
    return funds_rows


def _read_label(grid: Grid, project: Project, r: int, c: int, v: str,
                money_order: list[tuple[int, int, str]], part_rows: list[tuple[int, int, str, Field]]) -> None:
    """The text *v* at (r, c): a project label (its value is read), a 其中 part, or nothing."""
    raw_norm = normalize(v)
    key = header_key(v)
    inline = None
    if key not in LABEL_TO_FIELD:
        m = _INLINE_LABEL.match(raw_norm)
        if not m or header_key(m.group(1)) not in LABEL_TO_FIELD:
            if raw_norm.startswith(PART_PREFIX):
                vc = grid.next_value_col(r, c)
                if vc is not None:
                    part_rows.append((r, c, raw_norm, grid.field(r, vc)))
            return
        key, inline = header_key(m.group(1)), m.group(2)
    name = LABEL_TO_FIELD[key]
    if name in project.labels:
        return  # first occurrence wins; a repeated label is a note, not a field
    label_ref = grid.ref(r, c)
    project.labels[name] = label_ref
    fld = _label_value(grid, r, c, name, label_ref, inline)
    if raw_norm.startswith(PART_PREFIX) and name in MONEY_FIELDS:
        part_rows.append((r, c, raw_norm, fld))
        return
    if name in MONEY_FIELDS:
        money_order.append((r, c, name))
    _store(project, name, fld)


def _label_value(grid: Grid, r: int, c: int, name: str, label_ref: Ref, inline: str | None) -> Field:
    """The value of the label at (r, c): written after its colon, or in the next cell with a value."""
    rate = name == "paid_share"
    if inline is not None:
        return Field(label_ref, inline, read_number(inline, rate=rate))
    vc = grid.next_value_col(r, c)
    if vc is not None:
        return grid.field(r, vc, rate=rate)
    # The value belongs in the cell right of the label (and its merge).
    return Field(Ref(grid.sheet.name, r, grid.merge_end(r, c) + 1), None, None)


def _store(project: Project, name: str, fld: Field) -> None:
    if name in MONEY_FIELDS:
        project.money[name] = MoneyField(name, fld)
    elif name == "paid_share":
        project.paid_share = fld
    elif name == "claimed_total":
        project.claimed_total = fld
    elif name == "claimed_grade":
        project.claimed_grade = fld
    elif name == "year":
        project.year = _year_of(fld.raw)
        project.year_ref = fld.ref
        project.texts[name] = fld
    elif name == "money_unit":
        unit = normalize(str(fld.raw or ""))
        project.money_unit = "元" if unit.startswith("元") else "万元"
        project.texts[name] = fld
    else:
        project.texts[name] = fld


def _attach_parts(project: Project, money_order: list[tuple[int, int, str]],
                  part_rows: list[tuple[int, int, str, Field]]) -> None:
    """其中 rows directly under a money field belong to it."""
    money_rows = sorted(money_order)
    for r, c, text, fld in sorted(part_rows, key=lambda p: p[0]):
        owner = None
        for mr, mc, name in money_rows:
            if mr < r and mc == c:
                owner = (mr, name)
        if owner is None:
            continue
        mr, name = owner
        parts = project.money[name].parts
        last_row = parts[-1][1].ref.row if parts else mr
        if r - last_row == 1 and fld is not None:
            parts.append((label_key(text), fld))


def _fallbacks(grid: Grid, project: Project) -> None:
    """Without their labels, the year from a title (2023年度…) and 元 from 单位：元 near the top."""
    if project.year is None:
        for r in sorted(grid.rows)[:3]:
            for c, cell in grid.rows[r].items():
                if isinstance(cell.value, str) and "年度" in cell.value and project.year is None:
                    project.year = _year_of(cell.value)
                    project.year_ref = grid.ref(r, c) if project.year is not None else project.year_ref
    if "money_unit" not in project.texts:
        for r in sorted(grid.rows)[:6]:
            for cell in grid.rows[r].values():
                if isinstance(cell.value, str) and _UNIT_YUAN.search(normalize(cell.value)):
                    project.money_unit = "元"


def _read_funds(grid: Grid, hdr: Columns, stop_row: int | None = None) -> Funds:
    funds = Funds(hdr)
    first_value_col = min(hdr.cols.values())
    in_parts = False
    prev = hdr.header_row
    for r in sorted(grid.rows):
        if r <= hdr.header_row:
            continue
        if r != prev + 1 or (stop_row is not None and r >= stop_row):
            break  # a blank row (or the indicator table) ends the block
        prev = r
        label, label_col = _funds_row_label(grid, r, first_value_col)
        if label is None or is_blank(label):
            if any(not is_blank(grid.own(r, c)) for c in hdr.cols.values()):
                continue  # a row with figures but no label: shown, not read
            break
        if any(isinstance(v, str) and header_key(v) in LABEL_TO_FIELD
               for v in (grid.own(r, c) for c in range(1, first_value_col))):
            break  # the next section (年度总体目标 …) starts right under the block
        figures = [grid.own(r, c) for c in hdr.cols.values()]
        if not any(read_number(v) is not None or isinstance(v, Formula) or _is_error(v) for v in figures) \
                and any(not is_blank(v) for v in figures):
            break  # words where the figures belong: not a funds row
        row = FundsRow(
            label=normalize(str(label)),
            ref=grid.ref(r, label_col),
            part=normalize(str(label)).startswith(PART_PREFIX) or in_parts,
            initial_budget=grid.field(r, hdr.get("initial_budget")),
            budget=grid.field(r, hdr.get("budget")),
            executed=grid.field(r, hdr.get("executed")),
            cap=grid.field(r, hdr.get("cap")),
            rate=grid.field(r, hdr.get("rate"), rate=True),
            score=grid.field(r, hdr.get("score")),
        )
        if funds.total is None and not row.part:
            funds.total = row
            continue
        in_parts = True
        row.part = True
        funds.parts.append(row)
    return funds


def _is_error(v) -> bool:
    return isinstance(v, str) and v.strip() in ERROR_CODES


def _funds_row_label(grid: Grid, r: int, first_value_col: int):
    """(label, its column) of a funds row.

    The MoF grid merges 项目资金 down the first column and writes 年度资金总额 / 其中… in the
    next: the row's label is its rightmost text left of the figures.
    """
    for c in range(first_value_col - 1, 0, -1):
        v = grid.own(r, c)
        if isinstance(v, str) and v.strip():
            return v, c
    return None, first_value_col - 1 if first_value_col > 1 else 1

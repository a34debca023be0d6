"""The payments table: one row per payment, its dates as written, and the stated 合计."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from evalbook.files.book import Sheet
from evalbook.model.values import is_blank, normalize
from evalbook.model.workbook import Columns, Field, Payment, Payments, Ref
from evalbook.read.grid import Grid, cell_text, find_header
from evalbook.read.labels import PAYMENT_COLUMNS, PAYMENT_REQUIRED, TOTAL_WORD, TOTAL_WORDS, is_note, label_key

# Every word of TOTAL_WORDS holds it, and no other character folds to it (NFKC), so a label
# without it is no total: the payment items (thousands, all different) need no label_key.
TOTAL_CHAR = "计"

_DATE_TEXT = [
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def parse_date(raw) -> date | None:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        # An Excel serial in a cell without a date format (1990-01-01 … 2100).
        if 32874 <= raw <= 73051:
            return (datetime(1899, 12, 30) + timedelta(days=int(raw))).date()
        # 2023.9 typed into a cell is a number: year.month. Excel keeps 2023.10 as 2023.1, so
        # the month of a one-digit fraction may be 1 or 10; the year, which is what B105 and
        # B110 judge, is certain.
        if 1990 <= raw < 2101 and not float(raw).is_integer():
            year, frac = repr(float(raw)).split(".")
            if len(frac) <= 2 and 1 <= int(frac) <= 12:
                return date(int(year), int(frac), 1)
        return None
    if isinstance(raw, str):
        s = normalize(raw)
        for pat in _DATE_TEXT:
            m = pat.match(s)
            if m:
                parts = [int(g) for g in m.groups()]
                if len(parts) == 2:
                    parts.append(1)
                try:
                    return date(*parts)
                except ValueError:
                    return None
    return None


def payments_header(grid: Grid) -> Columns | None:
    """The fullest header wins, so that S102 names only the columns really missing."""
    return (find_header(grid, PAYMENT_COLUMNS, PAYMENT_REQUIRED)
            or find_header(grid, PAYMENT_COLUMNS, ("amount",))
            or find_header(grid, PAYMENT_COLUMNS, ("date",)))


def read_payments(sheet: Sheet, grid: Grid | None = None) -> Payments:
    grid = grid or Grid(sheet)
    hdr = payments_header(grid)
    if hdr is None:
        return Payments(sheet.name, Columns(0, {}))
    pay = Payments(sheet.name, hdr)
    header_row = hdr.header_row
    first_col = min(c for r, c in sheet.cells if r >= header_row) if sheet.cells else 1
    # Asked on every row of a table of thousands: looked up once, and each test below stops
    # at its first answer (the cells they read have no side effects).
    own, field = grid.own, grid.field
    date_col, amount_col, item_col, source_col = hdr.get("date"), hdr.get("amount"), hdr.get("item"), hdr.get("source")
    label_cols = range(first_col + 1, amount_col or first_col + 1)
    columns = list(hdr.cols.values())
    for r in sorted(grid.rows):
        if r <= header_row:
            continue
        label = own(r, first_col)
        lab = normalize(str(label)) if isinstance(label, str) else ""
        if lab and is_note(lab):
            break
        # 合计 in the first column, or alone in a later label column when the first holds a
        # 序号 (an item such as 合计支付进度款 is a payment, not the total).
        if lab in TOTAL_WORDS or lab.startswith(TOTAL_WORD) or any(
                label_key(v) in TOTAL_WORDS for v in (own(r, c) for c in label_cols) if isinstance(v, str) and TOTAL_CHAR in v):
            pay.total = field(r, amount_col)
            break
        if all(is_blank(own(r, c)) for c in columns):
            continue
        date_field = field(r, date_col) if date_col else Field(Ref(sheet.name, r, 1))
        pay.rows.append(Payment(
            row=r,
            date=parse_date(date_field.raw),
            date_field=date_field,
            amount=field(r, amount_col),
            item=cell_text(own(r, item_col)) if item_col else None,
            source=cell_text(own(r, source_col)) if source_col else None,
        ))
    return pay

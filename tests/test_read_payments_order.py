"""read_payments asks each row only what it needs (evalbook/read/payments.py): a row's blank
test stops at its first value, its label columns are keyed only when the first column is not
the total. It must read exactly what asking everything read: held here to that reading (the
reader as it was, kept below as the reference) over generated payment tables, with merged
cells, totals in either label column, notes, blanks and header variants.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evalbook.files.book import Cell, Sheet
from evalbook.model.values import is_blank, normalize
from evalbook.model.workbook import Columns, Field, Payment, Payments, Ref
from evalbook.read.grid import Grid, cell_text
from evalbook.read.labels import TOTAL_WORD, TOTAL_WORDS, is_note, label_key
from evalbook.read.payments import TOTAL_CHAR, parse_date, payments_header, read_payments


def reference(sheet: Sheet, grid: Grid) -> Payments:
    """read_payments as it was before it asked lazily: every value of a row, every label."""
    hdr = payments_header(grid)
    if hdr is None:
        return Payments(sheet.name, Columns(0, {}))
    pay = Payments(sheet.name, hdr)
    first_col = min(c for r, c in sheet.cells if r >= hdr.header_row) if sheet.cells else 1
    amount_col = hdr.get("amount") or first_col + 1
    for r in sorted(grid.rows):
        if r <= hdr.header_row:
            continue
        label = grid.own(r, first_col)
        lab = normalize(str(label)) if isinstance(label, str) else ""
        if lab and is_note(lab):
            break
        labels = [label_key(v) for v in (grid.own(r, c) for c in range(first_col + 1, amount_col))
                  if isinstance(v, str)]
        if lab in TOTAL_WORDS or lab.startswith(TOTAL_WORD) or any(t in TOTAL_WORDS for t in labels):
            pay.total = grid.field(r, hdr.get("amount"))
            break
        values = [grid.own(r, c) for c in hdr.cols.values()]
        if all(is_blank(v) for v in values):
            continue
        date_col = hdr.get("date")
        date_field = grid.field(r, date_col) if date_col else Field(Ref(sheet.name, r, 1))
        pay.rows.append(Payment(
            row=r, date=parse_date(date_field.raw), date_field=date_field,
            amount=grid.field(r, hdr.get("amount")),
            item=cell_text(grid.own(r, hdr.get("item"))) if hdr.get("item") else None,
            source=cell_text(grid.own(r, hdr.get("source"))) if hdr.get("source") else None,
        ))
    return pay


HEADERS = [
    ["序号", "支付日期", "支付事项", "金额", "资金来源"],
    ["支付日期", "支付事项", "金额", "资金来源", "备注"],
    ["日期", "摘要", "支付金额"],
    ["序号", "款项", "金额", "日期"],
    ["支付事项", "金额"],
    ["支付日期", "凭证号"],
]
VALUES = st.sampled_from([
    None, 1, 2.5, 0, -3, "40", "１２．５", "—", " ", "无数据", "合计", "总计", "合计：", "其中：合计", "合计支付进度款",
    "首付", "注：单位万元", "说明：x", "1.", dt.datetime(2023, 3, 1), dt.date(2023, 9, 1), "2023年9月1日", 2023.9,
    45000, "#DIV/0!", True,
])


@st.composite
def payment_sheets(draw):
    header = draw(st.sampled_from(HEADERS))
    top = draw(st.integers(1, 3))  # the header's row
    left = draw(st.integers(1, 2))  # its first column
    cells = {(top, left + i): Cell(h) for i, h in enumerate(header)}
    if draw(st.booleans()):
        cells[(1, 1)] = Cell("支付明细表")
    n_rows = draw(st.integers(0, 8))
    for r in range(top + 1, top + 1 + n_rows):
        for c in range(left, left + len(header)):
            v = draw(VALUES)
            if v is not None:
                cells[(r, c)] = Cell(v, draw(st.sampled_from(["General", "yyyy-mm-dd", "0.00%"])))
    merged = []
    for _ in range(draw(st.integers(0, 3))):
        r1 = draw(st.integers(top, top + n_rows + 1))
        c1 = draw(st.integers(left, left + len(header)))
        merged.append((r1, c1, r1 + draw(st.integers(0, 2)), c1 + draw(st.integers(0, 1))))
    return Sheet("支付", cells, merged)


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(payment_sheets())
def test_payments_read_as_asking_every_cell_read_them(sheet):
    ours, theirs = Grid(sheet), Grid(sheet)
    try:
        expected = ("ok", reference(sheet, theirs))
    except Exception as e:  # noqa: BLE001 - an error must stay the same error
        expected = ("error", type(e).__name__)
    try:
        got = ("ok", read_payments(sheet, ours))
    except Exception as e:  # noqa: BLE001
        got = ("error", type(e).__name__)
    assert got == expected
    assert ours.flagged == theirs.flagged  # the same cells were read as fields (S108/S109 see them)


def test_a_total_in_the_second_label_column_ends_the_table():
    """Pinned, so that the reference and the reader cannot drift together."""
    cells = {(1, 1): Cell("序号"), (1, 2): Cell("支付事项"), (1, 3): Cell("支付日期"), (1, 4): Cell("金额"),
             (2, 1): Cell(1), (2, 2): Cell("首付"), (2, 3): Cell(dt.date(2023, 3, 1)), (2, 4): Cell(60),
             (3, 1): Cell(2), (3, 2): Cell("合计支付进度款"), (3, 4): Cell(40),
             (4, 2): Cell("合 计"), (4, 4): Cell(100), (5, 2): Cell("尾款"), (5, 4): Cell(5)}
    pay = read_payments(Sheet("支付", cells))
    assert [p.row for p in pay.rows] == [2, 3] and pay.total.raw == 100
    assert pay.rows[0].date == dt.date(2023, 3, 1) and pay.rows[1].item == "合计支付进度款"


def test_a_label_without_the_total_character_is_never_a_total():
    """read_payments keys a label only when it holds TOTAL_CHAR: every total word holds it,
    and no character but itself folds to one that does (checked against this Python's
    Unicode tables, so a new version that adds one fails here)."""
    assert all(TOTAL_CHAR in word for word in TOTAL_WORDS)
    folding = [c for c in map(chr, range(0x110000)) if TOTAL_CHAR in normalize(c) and c != TOTAL_CHAR]
    assert folding == []

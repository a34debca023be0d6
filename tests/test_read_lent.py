"""A second read of a book after a few cells changed (annotate reads its copy again) borrows
from the first what cannot have changed: an unchanged sheet's grid and payment table. It must
read exactly what a fresh read does."""

from __future__ import annotations

import copy
import json

import pytest
from builders import standard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import evalbook.read.workbook as reader
from evalbook import profiles
from evalbook.files.book import Cell, Formula
from evalbook.files.door import open_book
from evalbook.pipeline import run_rules
from evalbook.read.workbook import Lent, read_book

PAYMENTS = [["序号", "支付日期", "支付金额（万元）", "摘要"], [1, "2023-03-01", 60, "进度款"], [2, "2023-09-01", "４０", "尾款"],
            ["合计", None, 100, None]]


def findings(model) -> str:
    report = run_rules(model, profiles.load(None), "zh")
    return json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True)


@pytest.fixture
def book(tmp_path):
    return open_book(standard(tmp_path, extra={"支付": PAYMENTS}))


def counting(monkeypatch) -> list:
    calls = []
    real = reader.read_payments
    monkeypatch.setattr(reader, "read_payments", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def test_an_unchanged_sheet_is_lent_and_reads_the_same(book, monkeypatch):
    calls = counting(monkeypatch)
    lent = Lent()
    read_book(book, lent)
    book.sheet("项目").cells[(40, 1)] = Cell("备注")  # a cell of another sheet changes
    lent.reread({"项目"})
    again = read_book(book, lent)
    assert len(calls) == 1  # the payment table was read once
    assert findings(again) == findings(read_book(book))  # and is what a fresh read gives (S107 too)
    assert [p.amount.num.value for p in again.payments.rows] == [60, 40]


def test_a_changed_sheet_is_read_again(book, monkeypatch):
    calls = counting(monkeypatch)
    lent = Lent()
    read_book(book, lent)
    book.sheet("支付").cells[(3, 3)] = Cell(45)
    lent.reread({"支付"})
    again = read_book(book, lent)
    assert len(calls) == 2 and again.payments.total is not None
    assert findings(again) == findings(read_book(book))
    assert [p.amount.num.value for p in again.payments.rows] == [60, 45]


def test_a_sheet_with_a_formula_lacking_its_result_is_never_lent(book, monkeypatch):
    # its value is worked out from other sheets' cells, which may be the ones that changed
    book.sheet("支付").cells[(5, 3)] = Cell(Formula("项目!B6"))
    calls = counting(monkeypatch)
    lent = Lent()
    read_book(book, lent)
    lent.reread({"项目"})
    read_book(book, lent)
    assert len(calls) == 2


# ---- the indicator sheet: annotate writes into a few of its rows, the others are lent

MERGED_TIERS = {"指标": ["A2:A5", "B2:B3", "A6:A7"]}


def tiers_merged(rows):
    """The standard indicator rows with tier names merged down, as most forms write them."""
    rows = [list(r) for r in rows]
    for r in (3, 4, 5, 7):
        rows[r - 1][0] = None
    rows[3 - 1][1] = None
    return rows


@pytest.fixture
def merged_book(tmp_path):
    from builders import indicator_rows

    rows = tiers_merged(indicator_rows()) + [["合计", None, None, None, None, None, None, 90, 89]]
    return open_book(standard(tmp_path, indicators=rows, merges=MERGED_TIERS))


def model_text(model) -> str:
    """Everything a read made of the book, as text: two reads are the same when it is."""
    return repr((model.indicators, model.project, model.payments, model.flagged,
                 model.missing_columns, model.missing_sheets))


def test_indicator_rows_not_written_are_lent(merged_book):
    lent = Lent()
    first = read_book(merged_book, lent)
    sheet = merged_book.sheet("指标")
    sheet.cells[(3, 9)] = Cell(8)  # 乙's 得分, as annotate replaces a cell it writes
    sheet.cells[(9, 10)] = Cell(0.99, "0%")  # the total row's 得分率
    lent.reread({"指标"})
    again = read_book(merged_book, lent)
    assert model_text(again) == model_text(read_book(merged_book))
    assert findings(again) == findings(read_book(merged_book))
    was, now = first.indicators.leaves, again.indicators.leaves
    assert now[0].score is was[0].score and now[6].reason is was[6].reason  # lent, not read again
    assert now[1].score is not was[1].score and now[1].score.num.value == 8
    assert again.indicators.sums[0].rate.num.value == 0.99


def test_a_new_column_header_lends_no_row(merged_book):
    lent = Lent()
    first = read_book(merged_book, lent)
    merged_book.sheet("指标").cells[(1, 12)] = Cell("备注")  # the reason column may move: read all again
    merged_book.sheet("指标").cells[(1, 11)] = Cell("说明")
    lent.reread({"指标"})
    again = read_book(merged_book, lent)
    assert model_text(again) == model_text(read_book(merged_book))
    assert all(a.score is not b.score for a, b in zip(again.indicators.leaves, first.indicators.leaves))


def test_a_row_with_a_formula_lacking_its_result_is_read_again_and_flagged(merged_book):
    sheet = merged_book.sheet("指标")
    sheet.cells[(2, 9)] = Cell(Formula("H2"))  # 甲's 得分 =H2, no stored result
    lent = Lent()
    first = read_book(merged_book, lent)
    sheet.cells[(9, 10)] = Cell(0.99, "0%")
    lent.reread({"指标"})
    again = read_book(merged_book, lent)
    assert [f.ref.a1 for f in again.flagged] == [f.ref.a1 for f in first.flagged] == ["I2"]
    assert model_text(again) == model_text(read_book(merged_book))
    assert again.indicators.leaves[0].score is not first.indicators.leaves[0].score


def test_changed_merges_lend_no_row(merged_book):
    lent = Lent()
    first = read_book(merged_book, lent)
    merged_book.sheet("指标").merged.pop()
    lent.reread({"指标"})
    again = read_book(merged_book, lent)
    assert model_text(again) == model_text(read_book(merged_book))
    assert again.indicators.leaves[0].score is not first.indicators.leaves[0].score


CELL_VALUES = st.one_of(
    st.none(), st.integers(-5, 120), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)),
    st.sampled_from(["１５", "10分", "合计", "小计", "总分", "指标合计", "产出指标（50分）", "数量指标", "其中：本级",
                     "得分率", "分值", "1.说明", "注：", "#DIV/0!", "95%", " ", "★甲", "预算执行率"]),
    st.builds(Formula, st.sampled_from(["H2", "SUM(I2:I8)", "H3*2"])),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(1, 11), st.integers(1, 12), CELL_VALUES), max_size=6),
       merged=st.booleans())
def test_a_lent_read_is_a_fresh_read(tmp_path_factory, edits, merged):
    """Whatever annotate writes into the indicator sheet, the second read (rows lent where their
    cells did not change) makes of the book exactly what a fresh read of it makes."""
    book = copy.deepcopy(_MERGED_BOOK[merged] if _MERGED_BOOK else _books(tmp_path_factory)[merged])
    lent = Lent()
    read_book(book, lent)
    sheet = book.sheet("指标")
    for r, c, v in edits:
        if v is None:
            sheet.cells.pop((r, c), None)
        else:
            sheet.cells[(r, c)] = Cell(v, "0%" if c == 10 else "General")
    lent.reread({"指标"})
    assert model_text(read_book(book, lent)) == model_text(read_book(book))


_MERGED_BOOK: dict[bool, object] = {}


def _books(tmp_path_factory):
    from builders import indicator_rows

    folder = tmp_path_factory.mktemp("lent")
    total = [["合计", None, None, None, None, None, None, 90, 89]]
    _MERGED_BOOK[False] = open_book(standard(folder, "plain.xlsx", indicators=indicator_rows() + total))
    _MERGED_BOOK[True] = open_book(standard(folder, "merged.xlsx", indicators=tiers_merged(indicator_rows()) + total,
                                            merges=MERGED_TIERS))
    return _MERGED_BOOK

"""A second read of a book after a few cells changed (annotate reads its copy again) borrows
from the first what cannot have changed: an unchanged sheet's grid and payment table. It must
read exactly what a fresh read does."""

from __future__ import annotations

import json

import pytest
from builders import standard

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

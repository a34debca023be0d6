"""B106: all payments ≠ stated 累计支付; or a stated 合计 row ≠ the payments above it."""

from __future__ import annotations

from .forms import build, findings, payment_rows, project_rows, where, yuan_payments, yuan_project


def test_b106_payments_do_not_add_up_to_cumulative_paid(tmp_path):
    path = build(tmp_path, project_rows(paid=50, remaining=0, share=round(50 / 49.5, 4)))
    # 累计支付's value is merged over B:C: the finding is at the top-left cell.
    assert where(path, "B106") == [("项目!B7", "error")]
    f = findings(path, "B106")[0]
    assert (f.stated, f.expected) == (50, 49)


def test_b106_names_cumulative_paid_that_is_only_the_year(tmp_path):
    # 49 paid in 2023, 5 in 2022: a 累计支付 of 49 leaves out the earlier year.
    rows = payment_rows()[1:5] + [["2022-12-28", "上年尾款", 5, "上年结转资金"]]
    path = build(tmp_path, payments=payment_rows(rows, total=54))
    f = findings(path, "B106")[0]
    assert (f.cell, f.key, f.stated, f.expected) == ("B7", "B106.paid_year", 49, 54)
    assert "只是 2023 年 4 笔支付的合计" in f.message


def test_b106_stated_total_row_disagrees_with_its_rows(tmp_path):
    path = build(tmp_path, payments=payment_rows(total=48))
    assert where(path, "B106") == [("支付!C6", "error")]
    assert "48" in findings(path, "B106")[0].message and "49" in findings(path, "B106")[0].message


def test_b106_total_row_as_text_with_decimals_agrees(tmp_path):
    assert where(build(tmp_path, payments=payment_rows(total="49.00万元")), "B106") == []


def test_money_in_yuan_is_judged_to_the_cent(tmp_path):
    # Shown with two decimals, 490,000.01 is one cent off the payments' 490,000.00.
    path = build(tmp_path, yuan_project(paid=490000.01, remaining=9999.99), payments=yuan_payments(),
                 money_format="#,##0.00")
    assert where(path, "B106") == [("项目!B7", "error")]
    assert "累计支付填 490000.01，支付表全部 4 笔支付合计 490000" in findings(path, "B106")[0].message
    # A text amount written to the cent is judged to the cent too.
    path = build(tmp_path, yuan_project(), payments=yuan_payments(last="122500.01"), name="b.xlsx",
                 money_format="#,##0.00")
    assert [f.cell for f in findings(path, "B106")] == ["B7", "C6"]


def test_money_in_yuan_shown_in_whole_yuan(tmp_path):
    # With whole-yuan formatting 490,000 stands for 489,999.5 … 490,000.5: a payment list of
    # 490,000.40 agrees; 490,001 does not.
    path = build(tmp_path, yuan_project(), payments=yuan_payments(last=122500.4, total=None), money_format="#,##0")
    assert where(path, "B106") == []
    path = build(tmp_path, yuan_project(), payments=yuan_payments(last=122501, total=None), name="b.xlsx",
                 money_format="#,##0")
    assert where(path, "B106") == [("项目!B7", "error")]

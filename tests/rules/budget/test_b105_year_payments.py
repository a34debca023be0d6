"""B105: payments dated in the evaluation year ≠ 全年执行数."""

from __future__ import annotations

from .forms import build, findings, payment_rows, project_rows, where


def test_b105_year_payments_short_of_executed(tmp_path):
    rows = payment_rows()[1:4]  # three quarters: 36.75
    path = build(tmp_path, payments=payment_rows(rows, total=36.75))
    assert where(path, "B105") == [("项目!D14", "error")]
    f = findings(path, "B105")[0]
    assert (f.stated, f.expected) == (49, 36.75)


def test_b105_counts_only_the_evaluation_year(tmp_path):
    # A 2022 payment belongs in 累计支付 (54) but not in 2023's 全年执行数 (49).
    rows = payment_rows()[1:5] + [["2022-12-28", "上年尾款", 5, "上年结转资金"]]
    project = project_rows(total=60, contract=59.5, paid=54, remaining=6, share=round(54 / 59.5, 4))
    path = build(tmp_path, project, payments=payment_rows(rows, total=54))
    assert where(path, "B105") == []
    assert where(path, "B110") == [("支付!A6", "warning")]
    # Moved into the year, the same payment breaks the year's total.
    rows[-1][0] = "2023-12-28"
    path = build(tmp_path, project, payments=payment_rows(rows, total=54), name="b.xlsx")
    assert where(path, "B105") == [("项目!D14", "error")]


def test_b105_names_executed_that_counts_other_years(tmp_path):
    rows = payment_rows()[1:5] + [["2022-12-28", "上年尾款", 5, "上年结转资金"]]
    project = project_rows(total=60, contract=59.5, paid=54, remaining=6, share=round(54 / 59.5, 4),
                           funds=[54, 54, 54, 10, 1.0, 10], parts={})
    f = findings(build(tmp_path, project, payments=payment_rows(rows, total=54)), "B105")[0]
    assert (f.key, f.stated, f.expected) == ("B105.all", 54, 49)
    assert "含其他年度" in f.message


def test_b105_says_how_many_payments_had_no_readable_date(tmp_path):
    rows = payment_rows()[1:5]
    rows[1][0] = "年中"
    path = build(tmp_path, payments=payment_rows(rows))
    f = findings(path, "B105")[0]
    assert f.expected == 36.75 and "1 笔日期无法识别" in f.message


def test_b105_skipped_when_the_year_is_unknown(tmp_path):
    rows = payment_rows()[1:4]
    path = build(tmp_path, project_rows(year=None), payments=payment_rows(rows, total=36.75))
    assert where(path, "B105") == []

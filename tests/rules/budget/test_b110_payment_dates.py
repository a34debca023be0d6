"""B110: a payment dated outside the evaluation year, or with no readable date."""

from __future__ import annotations

from datetime import datetime

from .forms import build, findings, payment_rows, project_rows, where


def test_b110_payment_outside_the_year_or_without_a_readable_date(tmp_path):
    rows = [
        [datetime(2022, 12, 28), "上年尾款", 5],
        ["九月中旬", "不知哪天", 5],
        [None, "没写日期", 5],
        ["2023年9月15日", "正常", 10],
        ["2023.9", "正常", 10],
        ["２０２３－１０－０８", "正常", 14],
    ]
    project = project_rows(paid=49, funds=[50, 50, 49, 10, 0.98, 9.8])
    path = build(tmp_path, project, payments=payment_rows(rows, total=49))
    assert where(path, "B110") == [("支付!A2", "warning"), ("支付!A3", "warning"), ("支付!A4", "warning")]
    messages = [f.message for f in findings(path, "B110")]
    assert "2022-12-28" in messages[0] and "2023" in messages[0]
    assert "九月中旬" in messages[1]
    assert messages[2] == "这笔支付没有日期"


def test_b110_without_a_year_only_unreadable_dates(tmp_path):
    rows = [[datetime(2022, 12, 28), "上年尾款", 5], ["九月中旬", "不知哪天", 44]]
    path = build(tmp_path, project_rows(year=None), payments=payment_rows(rows))
    assert where(path, "B110") == [("支付!A3", "warning")]


def test_year_month_typed_as_a_number_is_a_date_in_that_year(tmp_path):
    # The seed writes "2023.9"; typed into Excel it becomes the number 2023.9.
    rows = [[2023.9, "外网改造", 15], [2023.12, "视频会议", 15], [2022.12, "上年", 19]]
    project = project_rows(paid=49, funds=[50, 50, 30, 10, 0.6, 6], parts={})
    path = build(tmp_path, project, payments=payment_rows(rows))
    assert where(path, "B110") == [("支付!A4", "warning")]
    assert where(path, "B105") == []

"""S102: required column missing in the indicator or payments sheet."""

from builders import IND_HEADER, indicator_rows, standard

import evalbook

from ..helpers import base_is_clean, found


def test_s102_missing_score_column(tmp_path):
    rows = [[c for c in r[:8]] for r in indicator_rows()]  # no 得分
    rows[0] = IND_HEADER[:8]
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S102") == [("S102", "指标", "A1", "error")]
    base_is_clean(tmp_path, "S102")


def test_s102_payments_without_amount_column(tmp_path):
    path = standard(tmp_path, extra={"支付": [["支付日期", "支付事项", "金额"], [None, "x", 1]]})
    assert found(path, "S102") == []
    path = standard(tmp_path, name="y.xlsx", extra={"支付": [["支付日期", "支付事项", "备注"], ["2023-1-1", "x", 1]]})
    # a sheet named 支付 is the payments sheet: its missing 金额 column is named, nothing else
    findings = [f for f in evalbook.check(path).findings if f.code == "S102"]
    assert [(f.sheet, f.cell) for f in findings] == [("支付", "A1")] and "金额" in findings[0].message

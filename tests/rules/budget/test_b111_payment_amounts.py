"""B111: a payment amount ≤ 0 or not a number."""

from __future__ import annotations

from .forms import build, findings, payment_rows, where


def test_b111_amounts_zero_negative_missing_or_text(tmp_path):
    rows = payment_rows()[1:5] + [
        ["2023-12-30", "冲销", -5],
        ["2023-12-30", "空付", 0],
        ["2023-12-30", "待付", "待定"],
        ["2023-12-30", "漏填金额", None],
    ]
    path = build(tmp_path, payments=payment_rows(rows, total=44))
    assert where(path, "B111") == [(f"支付!C{r}", "error") for r in (6, 7, 8, 9)]
    assert [f.stated for f in findings(path, "B111")] == [-5, 0, None, None]
    # The four good payments, one of them a full-width text amount, are none of them.
    assert where(build(tmp_path, name="ok.xlsx"), "B111") == []

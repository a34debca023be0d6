"""B107: stated 剩余资金 ≠ 项目总投资 − 累计支付."""

from __future__ import annotations

from .forms import build, findings, project_rows, where


def test_b107_remaining_not_total_minus_paid(tmp_path):
    # The hotline report: 36.92 invested, 36.92 paid, 0.08 "remaining".
    project = project_rows(total=36.92, contract=36.92, paid=36.92, remaining=0.08, share=1.0,
                           funds=[None] * 6, parts={})
    path = build(tmp_path, project, payments=None)
    assert where(path, "B107") == [("项目!B8", "error")]
    f = findings(path, "B107")[0]
    assert (f.stated, f.expected) == (0.08, 0)
    assert "项目总投资 36.92 − 累计支付 36.92 = 0" in f.message


def test_b107_names_the_other_reading_it_matches(tmp_path):
    # 0.5 is 合同金额 49.5 − 累计支付 49, not 项目总投资 50 − 49.
    path = build(tmp_path, project_rows(remaining=0.5))
    f = findings(path, "B107")[0]
    assert f.cell == "B8" and f.expected == 1
    assert "合同金额 49.5 − 累计支付 49" in f.message


def test_b107_falls_back_to_budget_minus_executed(tmp_path):
    project = project_rows(total=None, paid=None, remaining=1, share=None)
    assert where(build(tmp_path, project, payments=None, name="a.xlsx"), "B107") == []
    project = project_rows(total=None, paid=None, remaining=2, share=None)
    path = build(tmp_path, project, payments=None, name="b.xlsx")
    assert where(path, "B107") == [("项目!B8", "error")]
    assert "全年预算数 50 − 全年执行数 49 = 1" in findings(path, "B107")[0].message

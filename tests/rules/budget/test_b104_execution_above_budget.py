"""B104: execution above budget (rate > 100%)."""

from __future__ import annotations

from .forms import build, findings, project_rows, where


def test_b104_execution_above_budget(tmp_path):
    project = project_rows(funds=[50, 50, 52, 10, 1.04, 10], parts={}, paid=52, remaining=-2)
    path = build(tmp_path, project, payments=None)
    assert where(path, "B104") == [("项目!D14", "warning")]
    assert "104.00%" in findings(path, "B104")[0].message


def test_b104_money_spent_against_a_zero_budget(tmp_path):
    project = project_rows(funds=[0, 0, 5, 10, None, None], parts={}, paid=5, remaining=45)
    assert where(build(tmp_path, project, payments=None), "B104") == [("项目!D14", "warning")]


def test_b104_execution_equal_to_budget_is_fine(tmp_path):
    project = project_rows(funds=[50, 50, 50, 10, 1.0, 10], parts={}, paid=50, remaining=0)
    assert where(build(tmp_path, project, payments=None), "B104") == []

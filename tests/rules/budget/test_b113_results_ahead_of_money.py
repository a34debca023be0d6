"""B113: results ahead of money: indicator completion exceeds the execution rate by more than 5% of itself."""

from __future__ import annotations

import dataclasses

import pytest
from builders import leaf

from evalbook import profiles
from evalbook.model.interval import round_half_up

from .forms import IND_BASE, build, findings, project_rows, where


def indicators_scoring(total_score):
    """The base indicators (caps 90) with the satisfaction leaf scored so the leaves total *total_score*."""
    rows = [list(r) for r in IND_BASE]
    rows[-1] = leaf("满意度指标", "服务对象满意度指标", "庚", 10, round(total_score - 80, 2), target="95%",
                    unit=None, actual="85.5%", reason="个别群众对办理时限不满意")
    return rows


@pytest.mark.parametrize("executed, score, fires", [
    (49, 90, False),    # 100% done at 98% spent: 100% ≤ 98% × 1.05 = 102.9%
    (42, 90, True),     # 100% done at 84% spent: above 88.2%
    (45, 85.5, True),   # 95% done at 90% spent: above 94.5%
    (45, 85, False),    # 94.44% done at 90% spent: within 94.5%
])
def test_b113_results_ahead_of_money(tmp_path, executed, score, fires):
    rate = executed / 50
    project = project_rows(funds=[50, 50, executed, 10, round(rate, 4), round_half_up(10 * rate, 2)], parts={},
                           paid=executed, remaining=50 - executed, share=round(executed / 49.5, 4),
                           claimed=round(score + round_half_up(10 * rate, 2), 2), grade=None)
    path = build(tmp_path, project, payments=None, indicators=indicators_scoring(score))
    assert where(path, "B113") == ([("项目!F14", "warning")] if fires else [])
    if fires:
        f = findings(path, "B113")[0]
        assert (round(f.stated, 4), round(f.expected, 4)) == (round(score / 90, 4), rate)


def test_b113_margin_comes_from_the_profile(tmp_path):
    project = project_rows(funds=[50, 50, 45, 10, 0.9, 9], parts={}, paid=45, remaining=5,
                           share=round(45 / 49.5, 4), claimed=94.5, grade=None)
    path = build(tmp_path, project, payments=None, indicators=indicators_scoring(85.5))
    wide = dataclasses.replace(profiles.load("mof2020"), b113_margin=0.10)
    assert where(path, "B113") == [("项目!F14", "warning")]
    assert where(path, "B113", profile=wide) == []

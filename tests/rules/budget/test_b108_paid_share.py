"""B108: stated 支付占合同比例 ≠ 累计支付 / 合同金额."""

from __future__ import annotations

import pytest

from .forms import build, findings, project_rows, where


def smart_city(share, contract=1736.18, total=1789.95, budget=None):
    remaining = round((total or budget) - 800, 2)
    return project_rows(total=total, contract=contract, paid=800, remaining=remaining, share=share,
                        funds=[None, budget, None, None, None, None], parts={}, claimed=None, grade=None)


def test_b108_share_of_the_budget_called_share_of_the_contract(tmp_path):
    path = build(tmp_path, smart_city(0.45), payments=None, share_format="0%")
    assert where(path, "B108") == [("项目!B9", "error")]
    f = findings(path, "B108")[0]
    assert f.stated == 0.45 and round(f.expected, 4) == 0.4608
    assert "45% 是 800/1789.95（占项目总投资 44.69%），不是占合同金额 46.08%" in f.message
    en = findings(path, "B108", lang="en")[0].message
    assert "800/1789.95 (44.69% of 项目总投资)" in en


def test_b108_share_of_the_year_budget(tmp_path):
    project = smart_city(0.45, total=None, budget=1789.95)
    f = findings(build(tmp_path, project, payments=None, share_format="0%"), "B108")[0]
    assert "占全年预算数 44.69%" in f.message


def test_b108_a_share_that_matches_nothing(tmp_path):
    f = findings(build(tmp_path, smart_city(0.5), payments=None, share_format="0%"), "B108")[0]
    assert f.message == "支付占合同比例填 50%，累计支付 800 / 合同金额 1736.18 = 46.08%：把 项目!B9 改为 46.08%"


@pytest.mark.parametrize("share, fmt", [(0.46, "0%"), (0.4608, "0.00%"), ("46.1%", "General"), ("４６％", "General")])
def test_b108_the_right_share_at_any_shown_decimals(tmp_path, share, fmt):
    assert where(build(tmp_path, smart_city(share), payments=None, share_format=fmt), "B108") == []

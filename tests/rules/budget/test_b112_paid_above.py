"""B112: 累计支付 above 合同金额 or 项目总投资."""

from __future__ import annotations

import pytest

from evalbook.model.interval import round_half_up

from .forms import build, findings, project_rows


@pytest.mark.parametrize("paid, key", [
    (49.6, "B112.contract"),  # above the contract, within the investment
    (51, "B112.both"),
    (49.5, None),  # equal is not above
])
def test_b112_paid_above_contract_or_investment(tmp_path, paid, key):
    project = project_rows(paid=paid, remaining=round(50 - paid, 2), share=round(paid / 49.5, 4),
                           funds=[50, 50, paid, 10, round(paid / 50, 4), round_half_up(10 * min(paid / 50, 1), 2)],
                           parts={})
    path = build(tmp_path, project, payments=None)
    got = findings(path, "B112")
    assert [f.key for f in got] == ([key] if key else [])
    if key:
        assert (got[0].cell, got[0].severity) == ("B7", "warning")


def test_b112_above_the_investment_only(tmp_path):
    project = project_rows(total=45, remaining=-4, paid=49, contract=49.5)
    got = findings(build(tmp_path, project), "B112")
    assert [f.key for f in got] == ["B112.total_investment"]

"""B101: stated 执行率 ≠ 全年执行数 / 全年预算数."""

from __future__ import annotations

import pytest

from .forms import build, findings, project_rows, where


def test_b101_rate_not_executed_over_budget(tmp_path):
    path = build(tmp_path, project_rows(funds=[50, 50, 49, 10, 0.9, 9.8]))
    assert where(path, "B101") == [("项目!F14", "error")]
    f = findings(path, "B101")[0]
    assert (f.stated, round(f.expected, 4)) == (0.9, 0.98)
    assert "49 / 全年预算数 50 = 98.00%" in f.message


@pytest.mark.parametrize("rate, fires", [("45%", False), ("44.7%", False), ("46%", True), ("44.6%", True)])
def test_b101_judges_the_rate_at_its_shown_decimals(tmp_path, rate, fires):
    # 800 / 1789.95 = 44.69%: "45%" and "44.7%" are that rate rounded, "46%" and "44.6%" are not.
    project = project_rows(total=1789.95, contract=1789.95, paid=800, remaining=989.95, share=0.4469,
                           funds=[1789.95, 1789.95, 800, 10, rate, 4.47], parts={})
    path = build(tmp_path, project, payments=None)
    assert bool(where(path, "B101")) is fires


def test_b101_names_the_initial_budget_reading(tmp_path):
    # 49 / 45 = 108.89% is the rate against 年初预算数; against 全年预算数 50 it is 98%.
    path = build(tmp_path, project_rows(funds=[45, 50, 49, 10, 1.0889, 9.8], parts={}))
    f = findings(path, "B101")[0]
    assert f.key == "B101.initial" and "年初预算数 45（108.89%）" in f.message


def test_b101_checks_every_funds_row_that_states_a_rate_qizhong_rows_too(tmp_path):
    # 当年财政拨款 39 / 40 = 97.5%, stated 95%; 上年结转 10/10 stated 100% (right); 其他资金 states
    # no rate ("—"): only the wrong 其中 row is a finding, at its own rate cell.
    parts = {"其中：当年财政拨款": [40, 40, 39, None, "95%"], "上年结转资金": [10, 10, 10, "—", 1.0],
             "其他资金": [0, 0, 0, "—", "—"]}
    path = build(tmp_path, project_rows(parts=parts))
    assert where(path, "B101") == [("项目!F15", "error")]
    f = findings(path, "B101")[0]
    assert (round(f.stated, 6), f.expected) == (0.95, 0.975)
    assert "当年财政拨款" in f.message and "把 项目!F15 改为 97.50%" in f.message


def test_b101_qizhong_rates_with_full_width_text_and_a_merged_label(tmp_path):
    parts = {"其中：当年财政拨款": [40, 40, 39, None, "９７．５％"], "上年结转资金": [10, 10, 10, None, "８０％"]}
    path = build(tmp_path, project_rows(parts=parts))
    assert where(path, "B101") == [("项目!F16", "error")]

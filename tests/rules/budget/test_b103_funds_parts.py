"""B103: the funds block's 其中 rows ≠ 年度资金总额, per column."""

from __future__ import annotations

import pytest

from .forms import build, findings, project_rows, where


def test_b103_per_column_only_where_the_parts_disagree(tmp_path):
    parts = {"其中：当年财政拨款": [40, 35, 39], "上年结转资金": [10, 10, 10], "其他资金": [0, 0, 0]}
    path = build(tmp_path, project_rows(parts=parts))
    assert where(path, "B103") == [("项目!C14", "error")]
    f = findings(path, "B103")[0]
    assert (f.stated, f.expected) == (50, 45)
    assert "全年预算数" in f.message and "当年财政拨款 35 + 上年结转资金 10 + 其他资金 0" in f.message


def test_b103_each_column_on_its_own(tmp_path):
    parts = {"其中：当年财政拨款": [30, 40, 38], "上年结转资金": [10, 10, 10], "其他资金": [0, 0, 0]}
    path = build(tmp_path, project_rows(parts=parts))
    assert where(path, "B103") == [("项目!B14", "error"), ("项目!D14", "error")]


@pytest.mark.parametrize("total", [0, None, "—"])
def test_b103_total_row_left_empty_while_a_part_carries_the_money(tmp_path, total):
    project = project_rows(funds=[total, total, total, 10, None, None])
    path = build(tmp_path, project)
    assert where(path, "B103") == [("项目!B14", "error"), ("项目!C14", "error"), ("项目!D14", "error")]
    assert "为空或为 0" in findings(path, "B103")[0].message


def test_b103_parts_left_blank_or_full_width_text(tmp_path):
    # Blank 其中 rows (the seed reports give the total alone) are no finding; full-width text
    # numbers that add up are none either.
    blank = {"其中：当年财政拨款": [None, None, None], "上年结转资金": ["—", "—", "—"], "其他资金": [None] * 3}
    assert where(build(tmp_path, project_rows(parts=blank), name="a.xlsx"), "B103") == []
    text = {"其中：当年财政拨款": ["４０", "４０．００", "３９"], "上年结转资金": [10, 10, 10], "其他资金": [0, 0, 0]}
    assert where(build(tmp_path, project_rows(parts=text), name="b.xlsx"), "B103") == []


def test_b103_respects_shown_decimals(tmp_path):
    # 50.0 shown with one decimal covers 49.95 … 50.05: parts of 49.96 agree, 49.9 do not.
    for parts_sum, fires in ((49.96, False), (49.9, True)):
        parts = {"其中：当年财政拨款": [40, round(parts_sum - 10, 2), 39], "上年结转资金": [10, 10, 10]}
        project = project_rows(parts=parts, funds=[50, "50.0", 49, 10, 0.98, 9.8])
        path = build(tmp_path, project, name=f"{parts_sum}.xlsx")
        assert bool(where(path, "B103")) is fires

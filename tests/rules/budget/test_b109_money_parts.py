"""B109: 其中 parts of a project money field add up to more than the field (warning when less)."""

from __future__ import annotations

import pytest

from .forms import build, findings, project_rows, where


def test_b109_parts_above_the_field_is_an_error(tmp_path):
    # The informatization report: 80 + 78.82 + 81 = 239.82 under a total of 237.95.
    parts = [("电子政务外网IPv6升级改造", 80), ("视频会议系统", 78.82), ("廉情监督热线", 81)]
    project = project_rows(total=237.95, total_parts=parts, contract=None, paid=None, remaining=None,
                           share=None, parts={})
    path = build(tmp_path, project, payments=None)
    assert where(path, "B109") == [("项目!B5", "error")]
    f = findings(path, "B109")[0]
    assert (f.stated, f.expected) == (237.95, pytest.approx(239.82))
    assert "80 + 78.82 + 81" in f.message and "多出 1.87" in f.message


def test_b109_parts_below_the_field_is_a_warning(tmp_path):
    project = project_rows(total_parts=[("设备", 30), ("服务", 15)])
    path = build(tmp_path, project)
    assert where(path, "B109") == [("项目!B5", "warning")]
    assert "少 5" in findings(path, "B109")[0].message


def test_b109_parts_that_add_up_even_as_full_width_text(tmp_path):
    project = project_rows(total_parts=[("设备", "３５"), ("服务", "１５．００")])
    assert where(build(tmp_path, project), "B109") == []


def test_b109_field_left_blank_while_parts_carry_money(tmp_path):
    project = project_rows(total=None, total_parts=[("设备", 35), ("服务", 15)], remaining=None)
    path = build(tmp_path, project)
    assert where(path, "B109") == [("项目!B5", "error")]

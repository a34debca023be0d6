"""S106: the same tier-3 name twice under one tier-2."""

from builders import indicator_rows, standard

import evalbook

from ..helpers import base_is_clean, found


def test_s106_duplicate_leaf_under_one_tier2(tmp_path):
    rows = indicator_rows()
    rows[2][2] = "甲"
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S106") == [("S106", "指标", "C3", "warning")]
    base_is_clean(tmp_path, "S106")


def test_s106_same_name_under_different_tier2s_is_fine(tmp_path):
    rows = indicator_rows()
    rows[3][2] = "甲"  # 质量指标, not 数量指标
    assert found(standard(tmp_path, indicators=rows), "S106") == []


def test_s106_names_differing_only_in_width_and_spaces_are_the_same(tmp_path):
    rows = indicator_rows()
    rows[1][2] = "工程费用（设备）"
    rows[2][2] = "工程费用 (设备)"
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S106") == [("S106", "指标", "C3", "warning")]
    message = evalbook.check(path).findings[0].message
    assert "工程费用 (设备)" in message  # quoted as written

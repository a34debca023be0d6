"""S105: leaf row with no tier-1 or tier-2 name after fill-down; it points at the blank tier cell."""

from builders import indicator_rows, leaf, standard

import evalbook

from ..helpers import base_is_clean, found


def test_s105_leaf_without_tier_names(tmp_path):
    rows = indicator_rows()
    rows.insert(1, leaf(None, None, "无名", 1, 1))
    path = standard(tmp_path, indicators=rows)
    # the blank tier-1 cell, where the missing name belongs, not the tier-3 name
    assert found(path, "S105") == [("S105", "指标", "A2", "error")]
    msg = next(f.message for f in evalbook.check(path).findings if f.code == "S105")
    assert "指标!A2" in msg and "一级指标" in msg
    base_is_clean(tmp_path, "S105")


def test_s105_blank_tier2_under_a_new_tier1_points_at_the_tier2_cell(tmp_path):
    rows = indicator_rows()
    rows.insert(5, leaf("成本指标", None, "单位成本", 1, 1))
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S105") == [("S105", "指标", "B6", "error")]


def test_s105_blank_merged_tier_cell_points_at_its_top_left(tmp_path):
    rows = indicator_rows()
    rows.insert(1, leaf(None, None, "无名一", 1, 1))
    rows.insert(2, leaf(None, None, "无名二", 1, 1))
    path = standard(tmp_path, indicators=rows, merges={"指标": ["A2:A3", "B2:B3"]})
    assert found(path, "S105") == [("S105", "指标", "A2", "error"), ("S105", "指标", "A2", "error")]

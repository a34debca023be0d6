"""S105: leaf row with no tier-1 or tier-2 name after fill-down."""

from builders import indicator_rows, leaf, standard

from ..helpers import base_is_clean, found


def test_s105_leaf_without_tier_names(tmp_path):
    rows = indicator_rows()
    rows.insert(1, leaf(None, None, "无名", 1, 1))
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S105") == [("S105", "指标", "C2", "error")]
    base_is_clean(tmp_path, "S105")

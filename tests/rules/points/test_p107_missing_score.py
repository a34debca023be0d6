"""P107: a leaf row with a cap and no score."""

from builders import indicator_rows, standard

from ..helpers import base_is_clean, found


def test_p107_leaf_with_cap_and_no_score(tmp_path):
    rows = indicator_rows()
    rows[1][8] = None
    rows[1][9] = None
    path = standard(tmp_path, indicators=rows)
    assert found(path, "P107") == [("P107", "指标", "I2", "error")]
    base_is_clean(tmp_path, "P107")

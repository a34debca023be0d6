"""C105: a leaf row has no cap, or a cap ≤ 0."""

from builders import indicator_rows, standard

from ..helpers import base_is_clean, found


def test_c105_leaf_without_cap_or_with_zero_cap(tmp_path):
    rows = indicator_rows()
    rows[1][7] = None
    rows[2][7] = 0
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C105") == [("C105", "指标", "H2", "error"), ("C105", "指标", "H3", "error")]
    base_is_clean(tmp_path, "C105")

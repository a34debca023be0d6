"""C103: all caps (indicators + budget execution) ≠ the profile's total."""

from builders import indicator_rows, standard

from ..helpers import base_is_clean, found


def test_c103_caps_do_not_total_100(tmp_path):
    rows = indicator_rows()
    rows[1][7] = 8
    rows[1][8] = 8
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C103") == [("C103", "指标", "H1", "error")]
    base_is_clean(tmp_path, "C103")

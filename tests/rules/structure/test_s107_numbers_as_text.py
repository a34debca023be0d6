"""S107: a number stored as text (Excel's SUM would skip it)."""

from builders import indicator_rows, standard

from ..helpers import base_is_clean, found


def test_s107_number_stored_as_text(tmp_path):
    rows = indicator_rows()
    rows[1][7] = "10"
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S107") == [("S107", "指标", "H2", "warning")]
    base_is_clean(tmp_path, "S107")

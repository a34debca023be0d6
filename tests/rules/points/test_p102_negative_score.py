"""P102: a negative score."""

from builders import indicator_rows, standard

from ..helpers import base_is_clean, found


def test_p102_negative_score(tmp_path):
    rows = indicator_rows()
    rows[1][8] = -1
    path = standard(tmp_path, indicators=rows)
    assert found(path, "P102") == [("P102", "指标", "I2", "error")]
    base_is_clean(tmp_path, "P102")

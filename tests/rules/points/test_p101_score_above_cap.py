"""P101: a score above its cap."""

from builders import indicator_rows, project_rows, standard

from ..helpers import base_is_clean, found


def test_p101_score_above_cap(tmp_path):
    rows = indicator_rows()
    rows[1][8] = 10.5
    path = standard(tmp_path, indicators=rows)
    assert found(path, "P101") == [("P101", "指标", "I2", "error")]
    base_is_clean(tmp_path, "P101")


def test_p101_budget_score_above_its_cap(tmp_path):
    rows = project_rows()
    rows[15] = ["年度资金总额", 100, 100, 100, 10, 1.0, 12]
    assert found(standard(tmp_path, project=rows), "P101") == [("P101", "项目", "G16", "error")]

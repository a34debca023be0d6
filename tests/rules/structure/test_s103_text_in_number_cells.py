"""S103: a cell that must hold a number holds text that is not a number."""

from builders import indicator_rows, project_rows, standard

from ..helpers import base_is_clean, found


def test_s103_text_in_a_score_cell(tmp_path):
    rows = indicator_rows()
    rows[3][8] = "满分"
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S103") == [("S103", "指标", "I4", "error")]
    base_is_clean(tmp_path, "S103")


def test_s103_text_in_a_money_cell(tmp_path):
    rows = project_rows()
    rows[6][1] = "约一百万"
    assert found(standard(tmp_path, project=rows), "S103") == [("S103", "项目", "B7", "error")]

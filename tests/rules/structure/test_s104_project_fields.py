"""S104: project field missing: name, budget/executed, self-score."""

from builders import project_rows, standard

from ..helpers import base_is_clean, found


def test_s104_missing_name_and_claimed_total(tmp_path):
    rows = project_rows()
    rows[1] = ["项目名称"]
    rows[11] = ["自评得分"]
    path = standard(tmp_path, project=rows)
    assert found(path, "S104") == [("S104", "项目", "B2", "warning"), ("S104", "项目", "B12", "warning")]
    base_is_clean(tmp_path, "S104")


def test_s104_missing_budget_figures(tmp_path):
    rows = project_rows()
    rows[15] = ["年度资金总额", 100, None, 100, 10, None, None]
    assert found(standard(tmp_path, project=rows), "S104") == [("S104", "项目", "C16", "warning")]

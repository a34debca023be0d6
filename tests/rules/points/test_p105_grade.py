"""P105: a stated grade ≠ the profile's grade for the computed total."""

import pytest
from builders import indicator_rows, project_rows, standard

from ..helpers import found


@pytest.mark.parametrize("grade, fires", [("优", False), ("优秀", False), ("良", True), ("良好", True)])
def test_p105_grade_must_follow_the_computed_total(tmp_path, grade, fires):
    rows = project_rows()
    rows[12] = ["自评等级", grade]
    got = found(standard(tmp_path, project=rows), "P105")
    assert got == ([("P105", "项目", "B13", "error")] if fires else [])


def test_p105_follows_the_computed_not_the_claimed_total(tmp_path):
    rows = project_rows()
    rows[11] = ["自评得分", 92]  # claims 92 but computes 99: P104 says so, grade 优 is right
    assert found(standard(tmp_path, project=rows), "P105") == []
    ind = indicator_rows()
    for r in (1, 2, 3, 4):
        ind[r][8] = ind[r][7] * 0.5  # 25 points off: computes 74 → 中
        ind[r][9] = 0.5
    rows[11] = ["自评得分", 74]
    assert found(standard(tmp_path, name="c.xlsx", project=rows, indicators=ind), "P105") == [
        ("P105", "项目", "B13", "error")]

"""P106: a stated 得分率 ≠ 得分 / 分值."""

from builders import indicator_rows, project_rows, standard

from ..helpers import base_is_clean, found


def test_p106_rate_differs_from_score_over_cap(tmp_path):
    rows = indicator_rows()
    rows[7][9] = 0.95  # 9 / 10 = 90%
    path = standard(tmp_path, indicators=rows)
    assert found(path, "P106") == [("P106", "指标", "J8", "error")]
    base_is_clean(tmp_path, "P106")


def test_p106_respects_shown_decimals(tmp_path):
    rows = indicator_rows()
    rows[7][8] = 8.995
    rows[7][9] = 0.90  # 0% format: 90% is [89.5%, 90.5%], 89.95% fits
    rows_p = project_rows()
    rows_p[11] = ["自评得分", 98.995]
    assert found(standard(tmp_path, indicators=rows, project=rows_p), "P106") == []

"""C101: a tier-2's declared cap ≠ the sum of its leaves' caps."""

from builders import indicator_rows, standard

from ..helpers import found


def test_c101_tier2_label_cap_differs_from_leaves(tmp_path):
    rows = indicator_rows()
    for r in (1, 2):
        rows[r][1] = "数量指标（12）"
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C101") == [("C101", "指标", "B2", "error")]
    rows[1][1] = rows[2][1] = "数量指标（20）"
    assert found(standard(tmp_path, name="ok.xlsx", indicators=rows), "C101") == []


def test_c101_in_a_merged_label_points_at_the_top_left_cell(tmp_path):
    rows = indicator_rows()
    rows[1][1] = "数量指标（12）"
    rows[2][1] = None
    path = standard(tmp_path, indicators=rows, merges={"指标": ["B2:B3"]})
    assert found(path, "C101") == [("C101", "指标", "B2", "error")]

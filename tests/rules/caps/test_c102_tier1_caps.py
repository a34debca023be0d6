"""C102: a tier-1's declared cap ≠ the sum of its tier-2 caps."""

from builders import indicator_rows, standard

from ..helpers import found


def test_c102_tier1_cap_differs_from_tier2_caps(tmp_path):
    rows = indicator_rows()
    for r in range(1, 5):
        rows[r][0] = "产出指标（50分）"
    rows[1][1] = rows[2][1] = "数量指标（24）"  # leaves are 20: C101 too; tier-2 sum 24 + 30 = 54
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C102") == [("C102", "指标", "A2", "error")]
    rows[1][1] = rows[2][1] = "数量指标（20）"
    assert found(standard(tmp_path, name="ok.xlsx", indicators=rows), "C102") == []

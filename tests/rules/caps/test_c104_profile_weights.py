"""C104: a tier-1's cap ≠ the profile's weight for it."""

from builders import indicator_rows, project_rows, standard

import evalbook

from ..helpers import base_is_clean, found


def test_c104_weights_other_than_the_profiles(tmp_path):
    rows = indicator_rows()
    rows[3][7], rows[3][8] = 5, 5  # 产出 40
    rows[5][7], rows[5][8] = 25, 25  # 效益 40
    path = standard(tmp_path, indicators=rows)
    got = found(path, "C104")
    assert [g[:2] for g in got] == [("C104", "指标"), ("C104", "指标")]
    assert all(g[3] == "warning" for g in got)
    base_is_clean(tmp_path, "C104")


def test_c104_checks_the_budget_cap_even_under_free_weights(tmp_path):
    rows = project_rows()
    rows[15] = ["年度资金总额", 100, 100, 100, 20, 1.0, 20]  # 20 points where free10 fixes 10
    path = standard(tmp_path, project=rows)
    got = [(f.code, f.cell) for f in evalbook.check(path, profile="free10").findings if f.code == "C104"]
    assert got == [("C104", "E16")]
    assert [f for f in evalbook.check(standard(tmp_path, name="ok.xlsx"), profile="free10").findings
            if f.code == "C104"] == []

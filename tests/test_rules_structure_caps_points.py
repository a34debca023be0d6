"""S, C and P rules: each fires on the mistake it names, at the cell a reviewer must look at,
and stays silent on the consistent form (test_reader_variants pins that the base is clean)."""

import pytest
from builders import IND_HEADER, indicator_rows, leaf, project_rows, standard, write_book

import evalbook


def found(path, code, **kw):
    return [(f.code, f.sheet, f.cell, f.severity) for f in evalbook.check(path, **kw).findings if f.code == code]


def base_is_clean(tmp_path, code):
    assert found(standard(tmp_path, name="clean.xlsx"), code) == []


# ---------------------------------------------------------------- S


def test_s101_missing_indicator_sheet(tmp_path):
    path = write_book(tmp_path / "x.xlsx", {"项目": project_rows()})
    assert found(path, "S101") == [("S101", None, None, "error")]


def test_s101_missing_project_sheet(tmp_path):
    path = write_book(tmp_path / "x.xlsx", {"指标": indicator_rows()})
    assert found(path, "S101") == [("S101", None, None, "error")]
    base_is_clean(tmp_path, "S101")


def test_s101_exits_1_not_2(tmp_path):
    from click.testing import CliRunner

    from evalbook.cli import main

    path = write_book(tmp_path / "x.xlsx", {"项目": project_rows()})
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 1


def test_s102_missing_score_column(tmp_path):
    rows = [[c for c in r[:8]] for r in indicator_rows()]  # no 得分
    rows[0] = IND_HEADER[:8]
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S102") == [("S102", "指标", "A1", "error")]
    base_is_clean(tmp_path, "S102")


def test_s102_payments_without_amount_column(tmp_path):
    path = standard(tmp_path, extra={"支付": [["支付日期", "支付事项", "金额"], [None, "x", 1]]})
    assert found(path, "S102") == []
    path = standard(tmp_path, name="y.xlsx", extra={"支付": [["支付日期", "支付事项", "备注"], ["2023-1-1", "x", 1]]})
    # a sheet named 支付 is the payments sheet: its missing 金额 column is named, nothing else
    findings = [f for f in evalbook.check(path).findings if f.code == "S102"]
    assert [(f.sheet, f.cell) for f in findings] == [("支付", "A1")] and "金额" in findings[0].message


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


def test_s105_leaf_without_tier_names(tmp_path):
    rows = indicator_rows()
    rows.insert(1, leaf(None, None, "无名", 1, 1))
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S105") == [("S105", "指标", "C2", "error")]
    base_is_clean(tmp_path, "S105")


def test_s106_duplicate_leaf_under_one_tier2(tmp_path):
    rows = indicator_rows()
    rows[2][2] = "甲"
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S106") == [("S106", "指标", "C3", "warning")]
    base_is_clean(tmp_path, "S106")


def test_s106_same_name_under_different_tier2s_is_fine(tmp_path):
    rows = indicator_rows()
    rows[3][2] = "甲"  # 质量指标, not 数量指标
    assert found(standard(tmp_path, indicators=rows), "S106") == []


def test_s107_number_stored_as_text(tmp_path):
    rows = indicator_rows()
    rows[1][7] = "10"
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S107") == [("S107", "指标", "H2", "warning")]
    base_is_clean(tmp_path, "S107")


# ---------------------------------------------------------------- C


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


def test_c102_tier1_cap_differs_from_tier2_caps(tmp_path):
    rows = indicator_rows()
    for r in range(1, 5):
        rows[r][0] = "产出指标（50分）"
    rows[1][1] = rows[2][1] = "数量指标（24）"  # leaves are 20: C101 too; tier-2 sum 24 + 30 = 54
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C102") == [("C102", "指标", "A2", "error")]
    rows[1][1] = rows[2][1] = "数量指标（20）"
    assert found(standard(tmp_path, name="ok.xlsx", indicators=rows), "C102") == []


def test_c103_caps_do_not_total_100(tmp_path):
    rows = indicator_rows()
    rows[1][7] = 8
    rows[1][8] = 8
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C103") == [("C103", "指标", "H1", "error")]
    base_is_clean(tmp_path, "C103")


def test_c104_weights_other_than_the_profiles(tmp_path):
    rows = indicator_rows()
    rows[3][7], rows[3][8] = 5, 5  # 产出 40
    rows[5][7], rows[5][8] = 25, 25  # 效益 40
    path = standard(tmp_path, indicators=rows)
    got = found(path, "C104")
    assert [g[:2] for g in got] == [("C104", "指标"), ("C104", "指标")]
    assert all(g[3] == "warning" for g in got)
    base_is_clean(tmp_path, "C104")


def test_c105_leaf_without_cap_or_with_zero_cap(tmp_path):
    rows = indicator_rows()
    rows[1][7] = None
    rows[2][7] = 0
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C105") == [("C105", "指标", "H2", "error"), ("C105", "指标", "H3", "error")]
    base_is_clean(tmp_path, "C105")


def test_c106_subtotal_cap_differs(tmp_path):
    rows = indicator_rows()
    rows.insert(5, ["小计", None, None, None, None, None, None, 48, 50, 1.0])
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C106") == [("C106", "指标", "H6", "error")]
    rows[5][7] = 50
    assert found(standard(tmp_path, name="ok.xlsx", indicators=rows), "C106") == []


def test_c106_total_row_includes_budget_execution(tmp_path):
    rows = indicator_rows() + [["总分", None, None, None, None, None, None, 90, 99]]
    path = standard(tmp_path, indicators=rows)
    assert found(path, "C106") == [("C106", "指标", "H9", "error")]
    rows[-1][7] = 100
    assert found(standard(tmp_path, name="ok.xlsx", indicators=rows), "C106") == []


# ---------------------------------------------------------------- P


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


def test_p102_negative_score(tmp_path):
    rows = indicator_rows()
    rows[1][8] = -1
    path = standard(tmp_path, indicators=rows)
    assert found(path, "P102") == [("P102", "指标", "I2", "error")]
    base_is_clean(tmp_path, "P102")


def test_p103_subtotal_score_differs(tmp_path):
    rows = indicator_rows()
    rows.insert(5, ["小计", None, None, None, None, None, None, 50, 48, 0.96])
    path = standard(tmp_path, indicators=rows)
    assert found(path, "P103") == [("P103", "指标", "I6", "error")]
    rows[5][8], rows[5][9] = 50, 1.0
    assert found(standard(tmp_path, name="ok.xlsx", indicators=rows), "P103") == []


def test_p104_claimed_total_differs(tmp_path):
    rows = project_rows()
    rows[11] = ["自评得分", 98]
    path = standard(tmp_path, project=rows)
    assert found(path, "P104") == [("P104", "项目", "B12", "error")]
    base_is_clean(tmp_path, "P104")


def test_p104_uses_the_computed_budget_score_when_none_is_stated(tmp_path):
    rows = project_rows()
    rows[15] = ["年度资金总额", 100, 100, 90, 10, 0.9, None]  # 10 × 0.9 = 9
    rows[11] = ["自评得分", 98]
    assert found(standard(tmp_path, project=rows), "P104") == []
    rows[11] = ["自评得分", 99]
    assert found(standard(tmp_path, name="b.xlsx", project=rows), "P104") == [("P104", "项目", "B12", "error")]


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


def test_p107_leaf_with_cap_and_no_score(tmp_path):
    rows = indicator_rows()
    rows[1][8] = None
    rows[1][9] = None
    path = standard(tmp_path, indicators=rows)
    assert found(path, "P107") == [("P107", "指标", "I2", "error")]
    base_is_clean(tmp_path, "P107")


def test_p108_no_budget_execution_score_anywhere(tmp_path):
    rows = project_rows()[:14]
    path = standard(tmp_path, project=rows)
    assert found(path, "P108") == [("P108", None, None, "warning")]
    base_is_clean(tmp_path, "P108")


def test_s106_names_differing_only_in_width_and_spaces_are_the_same(tmp_path):
    rows = indicator_rows()
    rows[1][2] = "工程费用（设备）"
    rows[2][2] = "工程费用 (设备)"
    path = standard(tmp_path, indicators=rows)
    assert found(path, "S106") == [("S106", "指标", "C3", "warning")]
    message = evalbook.check(path).findings[0].message
    assert "工程费用 (设备)" in message  # quoted as written


def test_budget_score_on_the_indicator_row_counts_when_the_funds_block_has_only_money(tmp_path):
    proj = project_rows()
    proj[15] = ["年度资金总额", 100, 100, 90, None, None, None]  # rate 90%, no cap or score here
    ind = indicator_rows()
    ind.insert(1, ["预算执行率", None, None, None, None, None, None, 10, 9, 0.9])
    proj[11] = ["自评得分", 98]  # leaves 89 + 9
    path = standard(tmp_path, project=proj, indicators=ind)
    report = evalbook.check(path)
    assert report.summary.computed_total == 98
    assert [f.code for f in report.findings if f.code[0] in "CP"] == []


def test_blank_funds_cap_defaults_to_the_profiles_budget_weight(tmp_path):
    proj = project_rows()
    proj[15] = ["年度资金总额", 100, 100, 90, None, None, None]
    proj[11] = ["自评得分", 98]  # leaves 89 + 10 × 90%
    report = evalbook.check(standard(tmp_path, project=proj))
    assert report.summary.computed_total == 98
    assert [f.code for f in report.findings if f.code in ("C103", "P104", "P108")] == []


def test_messages_show_enough_decimals_to_tell_stated_from_expected(tmp_path):
    ind = indicator_rows()
    ind[7] = leaf("满意度指标", "服务对象满意度指标", "庚", 10, 8.333, target="95%", unit=None, actual="85.5%",
                  reason="r")
    rows = project_rows()
    rows[11] = ["自评得分", 97.34]  # leaves 88.333 + 10 = 98.333
    path = standard(tmp_path, project=rows, indicators=ind, formats={"项目": {"B12": "0.00"}})
    p104 = [f for f in evalbook.check(path).findings if f.code == "P104"]
    assert p104 and "97.34" in p104[0].message and "98.33" in p104[0].message
    rows[11] = ["自评得分", 98.33]  # shown as 98.330: differs from 98.333 in the third decimal only
    path = standard(tmp_path, name="b.xlsx", project=rows, indicators=ind, formats={"项目": {"B12": "0.000"}})
    msg = next(f.message for f in evalbook.check(path).findings if f.code == "P104")
    assert "填 98.33，" in msg and msg.endswith("= 98.333")


def test_c104_checks_the_budget_cap_even_under_free_weights(tmp_path):
    rows = project_rows()
    rows[15] = ["年度资金总额", 100, 100, 100, 20, 1.0, 20]  # 20 points where free10 fixes 10
    path = standard(tmp_path, project=rows)
    got = [(f.code, f.cell) for f in evalbook.check(path, profile="free10").findings if f.code == "C104"]
    assert got == [("C104", "E16")]
    assert [f for f in evalbook.check(standard(tmp_path, name="ok.xlsx"), profile="free10").findings
            if f.code == "C104"] == []

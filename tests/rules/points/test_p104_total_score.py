"""P104: a stated total score ≠ leaf scores + budget-execution score."""

from builders import indicator_rows, leaf, project_rows, standard

import evalbook

from ..helpers import base_is_clean, found


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
    assert "填 98.33，" in msg and "= 98.333：把 项目!B12 改为 98.333" in msg


def test_p104_counts_a_leaf_above_its_cap_at_its_cap_so_one_round_fixes_both(tmp_path):
    ind = indicator_rows()
    ind[1][8:10] = [12, 1.2]  # 甲: 12 of 10 (P101)
    proj = project_rows()
    proj[11] = ["自评得分", 101]  # the leaves as stated + 10
    path = standard(tmp_path, project=proj, indicators=ind)
    report = evalbook.check(path)
    p104 = [f for f in report.findings if f.code == "P104"]
    assert [(f.cell, f.stated, f.expected) for f in p104] == [("B12", 101, 99)]
    assert "“甲”" in p104[0].message and "改为 99" in p104[0].message
    assert ("P101", "I2") in [(f.code, f.cell) for f in report.findings]
    # the total that fits once the leaf is at its cap is not called wrong now
    proj[11] = ["自评得分", 99]
    assert found(standard(tmp_path, name="b.xlsx", project=proj, indicators=ind), "P104") == []
    # and doing what both findings say leaves nothing to fix
    ind[1][8:10] = [10, 1.0]
    assert evalbook.check(standard(tmp_path, name="c.xlsx", project=proj, indicators=ind)).findings == []


def test_p104_on_a_table_without_scores_asks_for_the_scores_not_for_a_total_of_0(tmp_path):
    # The seed's text-only reports give a table of targets with no 得分 filled in: the claim of
    # 98 cannot be checked against parts that say nothing, and "改为 0" would be wrong advice.
    ind = indicator_rows()
    for row in ind[1:]:
        row[8] = None  # every leaf's score blank (caps kept)
    rows = project_rows()
    rows[11] = ["自评得分", 98]
    path = standard(tmp_path, project=rows, indicators=ind)
    (f,) = [f for f in evalbook.check(path).findings if f.code == "P104"]
    assert f.cell == "B12" and f.stated == 98 and f.expected is None
    assert "改为" not in f.message and "请先在指标表填写各项得分" in f.message

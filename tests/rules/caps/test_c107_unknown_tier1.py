"""C107: a tier-1 name the profile does not know (the older 共性指标框架's 决策/过程, an office's own)."""

from builders import IND_HEADER, indicator_rows, leaf, project_rows, standard

import evalbook

from ..helpers import base_is_clean, found


def framework2013_rows(decision="决策"):
    """A consistent 决策/过程/产出/效益 form: caps 20/20/30/30 = 100, scores 99."""
    return [
        IND_HEADER,
        leaf(decision, "项目立项", "立项依据充分性", 10, 10),
        leaf(decision, "绩效目标", "绩效目标合理性", 10, 10),
        leaf("过程", "资金管理", "预算执行率", 10, 10),
        leaf("过程", "组织实施", "管理制度健全性", 10, 10),
        leaf("产出", "产出数量", "建设数量", 30, 30),
        leaf("效益", "项目效益", "服务人次", 30, 29, reason="个别月份人次不足"),
    ]


def framework2013_project():
    """Budget execution is scored inside 过程: the funds block states no cap or score."""
    rows = project_rows()
    rows[15] = ["年度资金总额", 100, 100, 100, None, 1.0, None]
    return rows


def messages(path, code="C107", **kw):
    return [(f.cell, f.message) for f in evalbook.check(path, **kw).findings if f.code == code]


def test_c107_names_the_older_framework_under_mof2020(tmp_path):
    path = standard(tmp_path, project=framework2013_project(), indicators=framework2013_rows())
    assert found(path, "C107") == [("C107", "指标", "A2", "warning"), ("C107", "指标", "A4", "warning")]
    (c1, m1), (c2, m2) = messages(path)
    assert "决策" in m1 and "过程" in m2
    for m in (m1, m2):
        assert "mof2020" in m and "共性指标框架" in m and "--profile framework2013" in m
    (_, en), _ = messages(path, lang="en")
    assert "决策" in en and "mof2020" in en and "older 共性指标框架" in en and "use --profile framework2013" in en


def test_c107_a_cap_in_the_label_and_a_merged_tier1_cell(tmp_path):
    rows = framework2013_rows("决策（20分）")
    rows[2][0] = None  # 决策 merged down A2:A3, as Excel leaves it
    path = standard(tmp_path, project=framework2013_project(), indicators=rows, merges={"指标": ["A2:A3"]})
    assert [g[2] for g in found(path, "C107")] == ["A2", "A4"]
    assert "“决策（20分）”" in messages(path)[0][1]


def test_c107_is_silent_on_a_2013_form_under_framework2013(tmp_path):
    path = standard(tmp_path, project=framework2013_project(), indicators=framework2013_rows("决策（20分）"))
    report = evalbook.check(path, profile="framework2013")
    assert [f.code for f in report.findings] == []


def test_c107_is_silent_on_the_standard_form_and_its_name_variants(tmp_path):
    base_is_clean(tmp_path, "C107")
    rows = indicator_rows()
    for r in rows[1:5]:
        r[0] = "一、产出指标（50分）"
    for r in rows[5:7]:
        r[0] = "效益"
    rows[7][0] = "服务对象满意度指标"
    assert found(standard(tmp_path, name="variants.xlsx", indicators=rows), "C107") == []
    for profile in ("free10", "budget20"):
        assert found(standard(tmp_path, name="plain.xlsx"), "C107", profile=profile) == []


def test_c107_is_silent_on_a_cost_tier1(tmp_path):
    rows = indicator_rows()
    rows[3][:3] = ["成本指标", "经济成本指标", "单位成本"]
    assert found(standard(tmp_path, indicators=rows), "C107") == []


def test_c107_an_office_tier1_lists_the_profiles_tier1s(tmp_path):
    rows = indicator_rows()
    rows[4][:2] = ["管理指标", "制度建设"]
    path = standard(tmp_path, indicators=rows)
    assert [g[2] for g in found(path, "C107")] == ["A5"]
    [(_, zh)] = messages(path)
    assert "管理指标" in zh and "产出、效益、满意度" in zh and "framework2013" not in zh
    # a mof2020 form under framework2013: 满意度 is the stranger, and no older-framework hint
    [(cell, zh)] = messages(standard(tmp_path, name="plain.xlsx"), profile="framework2013")
    assert cell == "A8" and "决策、过程、产出、效益" in zh and "--profile framework2013" not in zh


def test_c107_reads_tier1_names_from_an_office_profile(tmp_path):
    office = tmp_path / "office.toml"
    office.write_text('name = "本局"\ntier1_names = ["产出", "效益", "满意度", "管理指标"]\n', encoding="utf-8")
    rows = indicator_rows()
    rows[4][:2] = ["管理指标", "制度建设"]
    assert found(standard(tmp_path, indicators=rows), "C107", profile=str(office)) == []

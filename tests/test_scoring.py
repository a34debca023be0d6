"""Targets and actuals as (operator, number, unit), the nature of an indicator, qualitative
grades and the scoring rules of rules.md, on workbooks built the way offices write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from builders import IND_HEADER, leaf, standard

from evalbook import profiles
from evalbook.model import scoring
from evalbook.files.door import open_book
from evalbook.read import read_book

MOF = profiles.load("mof2020")
RATIO = profiles.from_mapping({"reverse_rule": "ratio"}, "ratio")


def read_leaves(tmp_path, rows, formats=None):
    path = standard(tmp_path, indicators=[IND_HEADER, *rows], formats={"指标": formats or {}})
    wb = read_book(open_book(path))
    return {lf.name: lf for lf in wb.indicators.leaves}


# ---------------------------------------------------------------- quantities

@pytest.mark.parametrize("text, op, value, unit, percent", [
    ("≥266米", ">=", 266, "米", False),
    ("=8个", "=", 8, "个", False),
    ("≤202.6万元", "<=", 202.6, "万元", False),
    ("100.00%", None, 1.0, None, True),
    ("不少于12种", ">=", 12, "种", False),
    ("≥２６６米", ">=", 266, "米", False),      # full-width digits
    ("＞＝95％", ">=", 0.95, None, True),       # full-width operator and percent sign
    ("95%以上", ">=", 0.95, None, True),
    ("不超过 3 天", "<=", 3, "天", False),
    ("1,234.5万元", None, 1234.5, "万元", False),
])
def test_target_text_parses_into_operator_number_unit(text, op, value, unit, percent):
    q = scoring.quantity(text)
    assert (q.op, q.unit, q.percent) == (op, unit, percent)
    assert q.value == pytest.approx(value)


def test_unit_column_applies_when_the_cell_writes_none_and_percent_unit_scales():
    assert scoring.quantity(30, unit="个") == scoring.Quantity(None, 30.0, "个", False, 0)
    q = scoring.quantity(95, unit="%")
    assert q.percent and q.unit is None and q.value == pytest.approx(0.95)
    # the cell's own unit wins over the column's
    assert scoring.quantity("12台", unit="个").unit == "台"
    # a numeric cell formatted as a percent
    q = scoring.quantity(0.955, fmt="0.0%")
    assert q.percent and q.value == 0.955 and q.decimals == 3


def test_no_number_is_no_quantity():
    for raw in (None, "", "—", "/", "有效提升", "达成年度指标", "2023年9月"):
        assert scoring.quantity(raw) is None


def test_units_must_agree_or_one_be_missing():
    q = scoring.quantity
    assert scoring.comparable(q("≥30个"), q("32台")) is None
    assert scoring.comparable(q("≥30个"), q("32个")) is not None
    assert scoring.comparable(q("≥30个"), q("32")) is not None
    assert scoring.comparable(q("≥95%"), q("3万元")) is None


def test_a_bare_number_against_a_percent_is_a_percent():
    t, a = scoring.comparable(scoring.quantity("≥95%"), scoring.quantity(96))
    assert a.percent and a.value == pytest.approx(0.96)
    t, a = scoring.comparable(scoring.quantity("≥95%"), scoring.quantity(0.93))
    assert a.value == pytest.approx(0.93)


# ---------------------------------------------------------------- qualitative values

@pytest.mark.parametrize("text, grade", [
    ("达成", "达成"), ("达成年度指标", "达成"), ("达成预期指标", "达成"), ("完成", "达成"),
    ("已完成", "达成"), ("全部完成", "达成"), ("已达成。", "达成"), ("全面完成", "达成"),
    ("部分达成", "部分达成"), ("部分达成年度指标", "部分达成"), ("基本达成", "部分达成"),
    ("基本完成", "部分达成"), ("未全部完成", "部分达成"), ("未完全达成", "部分达成"),
    ("未达成", "未达成"), ("未达成年度指标", "未达成"), ("未完成", "未达成"),
    ("未按期完成", "未达成"), ("没有达到预期", "未达成"), ("不达标", "未达成"),
    ("有效提升", None), ("95%", None), ("", None), ("—", None),
])
def test_qualitative_grades_and_their_variants(text, grade):
    assert scoring.qualitative_grade(text) == grade


def test_not_achieved_is_not_read_as_achieved():
    # "未达成" contains "达成": the negative must win
    assert "达成" in "未达成"
    assert scoring.qualitative_grade("未达成") == scoring.NONE
    assert scoring.qualitative_grade("未达成预期指标") == scoring.NONE


def test_qualitative_bands_follow_the_profile():
    assert scoring.qualitative_band("达成", MOF) == (0.8, 1.0)
    assert scoring.qualitative_band("部分达成", MOF) == (0.6, 0.8)
    assert scoring.qualitative_band("未达成", MOF) == (0.0, 0.6)
    half = profiles.from_mapping({"qualitative": {"full": 0.8, "partial": 0.5}}, "half")
    assert scoring.qualitative_band("部分达成", half) == (0.5, 0.8)
    assert scoring.qualitative_band("未达成", half) == (0.0, 0.5)


# ---------------------------------------------------------------- nature

def test_nature_from_column_else_from_the_target(tmp_path):
    leaves = read_leaves(tmp_path, [
        leaf("产出指标", "数量指标", "列说反向", 10, 10, nature="≤", target="≥30"),
        leaf("产出指标", "数量指标", "看运算符", 10, 10, nature=None, target="≤2"),
        leaf("产出指标", "数量指标", "不少于", 10, 10, nature=None, target="不少于12种", unit=None),
        leaf("产出指标", "质量指标", "裸数", 10, 10, nature=None, target="100.00%", unit=None),
        leaf("效益指标", "社会效益指标", "文字目标", 10, 10, nature=None, target="有效提升", actual="达成"),
        leaf("效益指标", "社会效益指标", "列说定性", 10, 10, nature="定性", target=5, actual="达成"),
        leaf("满意度指标", "满意度指标", "无目标", 10, 10, nature=None, target=None, actual=3),
    ])
    assert scoring.nature(leaves["列说反向"]) == "<="
    assert scoring.nature(leaves["看运算符"]) == "<="
    assert scoring.nature(leaves["不少于"]) == ">="
    assert scoring.nature(leaves["裸数"]) == "="
    assert scoring.nature(leaves["文字目标"]) == "定性"
    assert scoring.nature(leaves["列说定性"]) == "定性"
    assert scoring.nature(leaves["无目标"]) is None


# ---------------------------------------------------------------- scoring rules

def test_positive_rule():
    assert scoring.score_for(">=", 30, 32, 10, MOF) == 10
    assert scoring.score_for(">=", 30, 30, 10, MOF) == 10
    assert scoring.score_for(">=", 30, 24, 10, MOF) == pytest.approx(8)
    assert scoring.score_for(">=", 30, -1, 10, MOF) == 0


def test_equality_rule():
    assert scoring.score_for("=", 8, 8, 10, MOF) == 10
    assert scoring.score_for("=", 8, 6, 10, MOF) == pytest.approx(7.5)
    assert scoring.score_for("=", 8, 9, 10, MOF) == 10  # as positive when target > 0
    assert scoring.score_for("=", 0, 0, 10, MOF) == 10
    assert scoring.score_for("=", 0, 1, 10, MOF) == 0


def test_reverse_rule_fasp2():
    assert scoring.score_for("<=", 2, 1.5, 10, MOF) == 10
    assert scoring.score_for("<=", 2, 2, 10, MOF) == 10
    assert scoring.score_for("<=", 2, 2.5, 10, MOF) == pytest.approx(7.5)
    assert scoring.score_for("<=", 2, 3.9, 10, MOF) == pytest.approx(0.5)
    assert scoring.score_for("<=", 2, 4, 10, MOF) == 0
    assert scoring.score_for("<=", 2, 9, 10, MOF) == 0


def test_reverse_rule_ratio():
    assert scoring.score_for("<=", 2, 1.5, 10, RATIO) == 10
    assert scoring.score_for("<=", 2, 2.5, 10, RATIO) == pytest.approx(8)
    assert scoring.score_for("<=", 2, 8, 10, RATIO) == pytest.approx(2.5)


def test_rule_score_of_leaves_read_from_a_workbook(tmp_path):
    leaves = read_leaves(tmp_path, [
        leaf("产出指标", "数量指标", "长度", 15, 13, nature=None, target="≥150米", unit=None, actual="148.6米"),
        leaf("产出指标", "数量指标", "完好率", 5, 4.89, target=95, unit="%", actual=93),
        leaf("产出指标", "质量指标", "及时率", 5, 5, target="≥95%", unit=None, actual=0.97),
        leaf("产出指标", "时效指标", "响应时间", 10, 7.5, nature="≤", target=2, unit="小时", actual="2.5小时"),
        leaf("产出指标", "成本指标", "单位不同", 10, 10, target="≥30个", unit=None, actual="32台"),
        leaf("效益指标", "社会效益指标", "定性", 10, 9, nature="定性", target="有效提升", unit=None,
             actual="达成年度指标"),
    ])
    assert scoring.rule_score(leaves["长度"], MOF) == pytest.approx(14.86)
    assert scoring.rule_score(leaves["完好率"], MOF) == pytest.approx(5 * 93 / 95)
    assert scoring.rule_score(leaves["及时率"], MOF) == 5
    assert scoring.rule_score(leaves["响应时间"], MOF) == pytest.approx(7.5)
    assert scoring.rule_score(leaves["响应时间"], RATIO) == pytest.approx(8)
    assert scoring.rule_score(leaves["单位不同"], MOF) is None
    assert scoring.rule_score(leaves["定性"], MOF) is None
    # the actual 148.6 stands for [148.55, 148.65]
    iv = scoring.rule_score_interval(leaves["长度"], MOF)
    assert iv.lo == pytest.approx(15 * 148.55 / 150) and iv.hi == pytest.approx(15 * 148.65 / 150)


def test_misses_target_by_nature_without_float_noise():
    assert scoring.misses_target(">=", 0.95, 0.93)
    assert not scoring.misses_target(">=", 95 / 100, 95 * 0.01)
    assert not scoring.misses_target(">=", 95 * 0.01, 95 / 100)
    assert scoring.misses_target("<=", 2, 2.5)
    assert not scoring.misses_target("<=", 2, 1.5)
    assert scoring.misses_target("=", 0, 1)
    assert not scoring.misses_target("=", 8, 9)


@pytest.mark.parametrize("raw, as_target", [
    ("≥95%", True), ("≤2小时", True), ("=8个", True), ("不少于12种", True), ("95%以上", True),
    ("＞90%", True), ("不超过50万元", True), ("96.3%", False), (96.3, False), ("达到95%", False),
    ("达成年度指标", False), (None, False),
])
def test_actual_written_as_a_target(raw, as_target):
    assert scoring.written_as_target(raw) is as_target


@pytest.mark.parametrize("raw, has", [
    (None, False), ("", False), ("无", False), ("0", False), (0, False), ("—", False), ("/", False),
    ("／", False), (" 无 ", False), ("高峰时段等候偏长，拟增开窗口", True), (1, True),
])
def test_what_counts_as_a_deviation_reason(raw, has):
    from evalbook.model.workbook import Field, Ref

    assert scoring.has_reason(Field(Ref("指标", 2, 11), raw)) is has


_finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(nat=st.sampled_from([">=", "<=", "="]), target=_finite, a=_finite, b=_finite,
       cap=st.floats(min_value=0.5, max_value=100), profile=st.sampled_from([MOF, RATIO]))
def test_rule_scores_stay_within_the_cap_and_move_one_way_with_the_actual(nat, target, a, b, cap, profile):
    lo, hi = sorted((a, b))
    s_lo, s_hi = (scoring.score_for(nat, target, x, cap, profile) for x in (lo, hi))
    assert 0 <= s_lo <= cap and 0 <= s_hi <= cap
    # the interval of a rounded actual is bounded by its ends only if the rule is monotone
    if nat == "<=" or (nat == "=" and target == 0):
        assert s_lo >= s_hi - 1e-9
    else:
        assert s_lo <= s_hi + 1e-9


def test_nature_and_measures_follow_a_leaf_whose_figures_are_replaced():
    """They are kept on the leaf with what they came from: another target, actual, nature
    column or unit is worked out again, never answered from the first."""
    from evalbook.model.values import read_number
    from evalbook.model.workbook import Field, Leaf, Ref

    def field(raw):
        return Field(Ref("指标", 2, 5), raw, read_number(raw))

    item = Leaf(row=2, tier1="产出", tier2="数量", name="甲", name_ref=Ref("指标", 2, 3),
                target=field("≥10"), actual=field(12), unit="个")
    assert scoring.nature(item) == ">=" and scoring.measures(item)[1].value == 12
    item.target, item.actual = field("≤5"), field(4)
    assert scoring.nature(item) == "<=" and scoring.measures(item)[1].value == 4
    item.nature = "="
    assert scoring.nature(item) == "="
    item.unit = "%"  # the unit column makes both percents: ≤5% and 4%
    target, actual = scoring.measures(item)
    assert (target.percent, target.value, actual.value) == (True, 0.05, 0.04)

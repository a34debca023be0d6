"""The rounding-aware notion of "equal" (spec: rules.md), pinned on the spec's own cases."""

import math

from builders import project_rows, standard
from hypothesis import given, settings
from hypothesis import strategies as st

import evalbook
from evalbook.model.interval import Interval, round_half_up
from evalbook.model.values import read_number


def test_45_percent_is_consistent_with_800_of_1789_95():
    stated = read_number(0.45, "0%").stated
    assert stated.overlaps(Interval.exact(800 / 1789.95))


def test_45_percent_is_not_consistent_with_800_of_1736_18():
    stated = read_number(0.45, "0%").stated
    assert not stated.overlaps(Interval.exact(800 / 1736.18))


def test_a_shown_90_00_admits_89_995():
    stated = read_number(90, "0.00").stated
    assert stated.overlaps(Interval.exact(89.995))
    assert not stated.overlaps(Interval.exact(89.994))


def test_one_decimal_12_5_is_the_interval_12_45_to_12_55():
    iv = read_number("12.5").stated
    assert (round(iv.lo, 10), round(iv.hi, 10)) == (12.45, 12.55)


def test_ratio_of_intervals_takes_the_extreme_combinations():
    q = Interval(1, 2) / Interval(4, 5)
    assert (q.lo, q.hi) == (0.2, 0.5)
    assert Interval(1, 2) / Interval(-1, 1) is None


def test_total_shown_as_90_00_over_leaves_adding_to_89_995_is_not_a_finding(tmp_path):
    from builders import indicator_rows, leaf

    rows = project_rows()
    ind = indicator_rows()
    ind[7] = leaf("满意度指标", "服务对象满意度指标", "庚", 10, 8.995, target="95%", unit=None, actual="85.5%",
                  reason="r")
    rows[11] = ["自评得分", 99]  # leaves 88.995 + budget 10 = 98.995; shown as 99.00
    path = standard(tmp_path, project=rows, indicators=ind, formats={"项目": {"B12": "0.00"}})
    codes = [f.code for f in evalbook.check(path, ).findings if f.code == "P104"]
    assert codes == []
    rows[11] = ["自评得分", 99.01]
    path = standard(tmp_path, name="off.xlsx", project=rows, indicators=ind, formats={"项目": {"B12": "0.00"}})
    assert [f.code for f in evalbook.check(path).findings if f.code == "P104"] == ["P104"]


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e14, max_value=1e14),
                 st.integers(-10**9, 10**9).map(float),
                 st.decimals(-10**6, 10**6, places=6).map(float)),
       st.integers(0, 12))
def test_round_half_up_is_decimals_half_up_rounding(x, decimals):
    # round_half_up answers without Decimal when x has no more decimals than it shows
    from decimal import ROUND_HALF_UP, Decimal

    expected = float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    got = round_half_up(x, decimals)
    assert got == expected and type(got) is float and math.copysign(1, got) == math.copysign(1, expected)
